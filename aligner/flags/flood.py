"""A flood of identical low-value flags becomes one flag with a count.

A transcript of thousands of stray fragments (``다. 다. 다. …``) would
otherwise carry one info flag per fragment: a report larger than the input
by two orders of magnitude, and memory to match.  Info flags with the same
kind and message, more than ``FLOOD`` of them, are replaced by the first of
them, whose message says how many there were.  Warnings and errors are never
merged: each points at its own problem.
"""
from __future__ import annotations

from dataclasses import replace

from ..report import Flag

FLOOD = 20  # identical info flags kept one by one; the corpus has at most 1 of a kind


def collapse_floods(flags: list[Flag]) -> list[Flag]:
    groups: dict[tuple[str, str], list[int]] = {}
    for n, flag in enumerate(flags):
        if flag.severity == "info":
            groups.setdefault((flag.kind, flag.message), []).append(n)
    flooded = {key: members for key, members in groups.items() if len(members) > FLOOD}
    if not flooded:
        return flags
    dropped = {n for members in flooded.values() for n in members[1:]}
    out = []
    for n, flag in enumerate(flags):
        if n in dropped:
            continue
        members = flooded.get((flag.kind, flag.message)) if flag.severity == "info" else None
        if members is not None:
            flag = replace(flag, message=f"{flag.message} ({len(members)} times in this transcript; "
                                         "one flag for all, the first marked)")
        out.append(flag)
    return out
