"""Bring the rows an earlier seed_demo wrote up to the demo's current text."""


def bring_up_to_date(row, **fields):
    """Give row the values of fields where they differ and save it; return whether.

    A row that already holds them is not saved: a second run changes nothing.
    """
    changed = {
        name: value for name, value in fields.items() if getattr(row, name) != value
    }
    for name, value in changed.items():
        setattr(row, name, value)
    if changed:
        row.save()
    return bool(changed)
