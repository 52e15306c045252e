from tests.access import EVERYONE, Case


def cases():
    return [
        Case("complaints:index", EVERYONE),
    ]
