from tests.access import EVERYONE, Case


def cases():
    return [
        Case("waitlists:index", EVERYONE),
    ]
