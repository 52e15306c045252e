from tests.access import EVERYONE, Case


def cases():
    return [
        Case("volumes:index", EVERYONE),
    ]
