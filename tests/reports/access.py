from tests.access import EVERYONE, Case


def cases():
    return [
        Case("reports:index", EVERYONE),
    ]
