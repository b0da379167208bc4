"""The v9 time-entry mappers turn Toggl's quirks into plain domain changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec import UNSET

from punchclock.api.toggl_v9.schemas.json_patch import PatchOperation
from punchclock.api.toggl_v9.schemas.time_entries import TimeEntryPayload, changes_from_payload
from punchclock.api.toggl_v9.schemas.time_entry_patch import changes_from_operations

WID = 7
START = "2026-11-27T10:00:00Z"
START_S = 1_795_773_600


def _put(**body: object) -> object:
    return changes_from_payload(TimeEntryPayload(**body), WID, creating=False)  # type: ignore[arg-type]


@pytest.mark.parametrize("duration", [-1, -START_S])
def test_a_negative_duration_is_a_running_timer(duration: int) -> None:
    # -1: toggl-python and toggl-api-wrapper; -start: togglcli and Toggl's own answers.
    changes = changes_from_payload(
        TimeEntryPayload(start=START, duration=duration), WID, creating=True
    )
    assert changes.running is True
    assert changes.duration is UNSET


@given(st.integers(min_value=0, max_value=2**40))
def test_a_non_negative_duration_is_a_length(duration: int) -> None:
    changes = changes_from_payload(
        TimeEntryPayload(start=START, duration=duration), WID, creating=True
    )
    assert (changes.duration, changes.running) == (duration, UNSET)


@pytest.mark.parametrize("key", ["project_id", "pid", "task_id", "tid"])
def test_zero_means_no_reference(key: str) -> None:
    changes = _put(**{key: 0})
    field = "project_id" if key in ("project_id", "pid") else "task_id"
    assert getattr(changes, field) is None


@pytest.mark.parametrize(
    ("given", "domain"), [("add", "add"), ("delete", "delete"), ("remove", "delete")]
)
def test_tag_actions(given: str, domain: str) -> None:
    # "remove" is the v8 value toggl-api-wrapper still sends.
    assert _put(tags=["a"], tag_action=given).tag_action == domain  # type: ignore[attr-defined]


def test_bulk_patch_duration_and_zero_ids() -> None:
    timer, length, project = changes_from_operations(
        [
            PatchOperation("replace", "/duration", -1),
            PatchOperation("replace", "/duration", 60),
            PatchOperation("replace", "/project_id", 0),
        ]
    )
    assert (timer.running, timer.duration) == (True, UNSET)
    assert (length.running, length.duration) == (UNSET, 60)
    assert project.project_id is None


@pytest.mark.parametrize("none", [None, 0, 0.0, False])
def test_bulk_patch_clears_a_project_with_any_zero(none: object) -> None:
    # JSON false and 0.0 equal 0 and have always cleared the project, as null and 0 do.
    (changes,) = changes_from_operations([PatchOperation("replace", "/project_id", none)])
    assert changes.project_id is None
