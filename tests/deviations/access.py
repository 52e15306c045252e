from tests.access import EVERYONE, Case


def cases():
    return [
        Case("deviations:index", EVERYONE),
    ]
