from tests.access import EVERYONE, Case


def cases():
    return [
        Case("kpi:index", EVERYONE),
    ]
