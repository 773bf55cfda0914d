"""Import / export: the template, an upload checked row by row and previewed against the latest
snapshot, saved only on confirmation; the problem report and the roster export."""

from __future__ import annotations

import hashlib
from datetime import date
from functools import partial

import streamlit as st

from planner.present import import_export as ie
from planner.roster.reading.headers import HeaderPlan
from planner.roster.reading.heading_preview import HeaderFound
from planner.roster.reading.importer import RosterImport
from planner.store.connection import database_url
from planner.store.mappings import remember_mapping, remembered_mapping
from planner.store.removals import removal_check
from planner.store.snapshots import AuditAction, Preview, SnapshotInfo, Store, StoreError
from planner.workforce.demo import load_demo
from screens.common.choice import (
    current_policy,
    current_service,
    current_service_id,
    current_snapshot,
    show_service,
)
from screens.common.signin import current_user, guard
from screens.common.store import snapshot_service, store

DONE = "import_done"  # the sentence to show after the rerun that follows a save
UPLOAD = "upload_round"  # bumped after a save, so the uploader starts empty
HEADER = "import_header"  # (file key, its headings), read once per file
MAPPING = "import_mapping"  # (file key, the mapping its rows are read with)
FileKey = tuple[str, str]


@st.cache_data(show_spinner=False)
def _template() -> bytes:
    return ie.template_xlsx()


@st.cache_data(show_spinner="Writing the roster…", max_entries=8)
def _export(url: str, snapshot_id: int | None, kind: str) -> bytes:
    # A snapshot never changes, so its id is the key; without a database it is the demo.
    service = snapshot_service(url, snapshot_id) if snapshot_id is not None else load_demo()
    return ie.roster_xlsx(service) if kind == "xlsx" else ie.roster_csv_bytes(service)


def _header(data: bytes, name: str, key: FileKey) -> HeaderFound:
    """The upload's headings, read once per file and before any of its rows."""
    held = st.session_state.get(HEADER)
    if held and held[0] == key:
        found: HeaderFound = held[1]
        return found
    with st.spinner(f"Reading the headings of {name}…"):
        found = ie.read_header(data, name, current_policy())
    st.session_state[HEADER] = (key, found)
    return found


def _mapping(db: Store | None, found: HeaderFound, key: FileKey) -> dict[str, str]:
    """What the user chose for this file, else what they chose last time for this service."""
    held = st.session_state.get(MAPPING)
    if held and held[0] == key:
        chosen: dict[str, str] = held[1]
        return chosen
    try:
        remembered = remembered_mapping(db, current_service_id(db)) if db is not None else {}
    except StoreError:  # the file can still be read; the choices are just not offered
        remembered = {}
    return ie.applicable(found, remembered)


def _columns(found: HeaderFound, key: FileKey, mapping: dict[str, str]) -> HeaderPlan | None:
    """The mapping step: how each column will be read, changed in a form; None until the file
    can be read (a column every row needs is not mapped, or no header row)."""
    st.subheader("How each column is read")
    if found.fixed:
        st.caption("An ASC-WDS worker file: its columns are read as Skills for Care defines them.")
        return None
    plan = ie.column_plan(found, mapping)
    if isinstance(plan, str):
        st.error(plan)
        return None
    st.caption(ie.mapping_summary(plan))
    st.dataframe(ie.mapping_table(plan), hide_index=True)
    missing = ie.missing_sentence(plan)
    if missing:
        st.warning(missing, icon=":material/warning:")
    with (
        st.expander("Change how a column is read", expanded=bool(missing or ie.needs_choice(plan))),
        st.form(f"mapping_{key[1][:12]}", border=False),
    ):
        options = ie.mapping_options()
        picks = {}
        grid = st.columns(3)
        for i, col in enumerate(ie.mappable(plan)):
            picks[col.heading] = grid[i % 3].selectbox(
                col.heading,
                options,
                index=options.index(ie.current_choice(col)),
                format_func=ie.mapping_label,
                help=ie.match_note(col),
                key=f"map_{key[1][:12]}_{col.index}",
            )
        if st.form_submit_button("Read the file with these columns", icon=":material/sync:"):
            st.session_state[MAPPING] = (key, ie.mapping_to_apply(found, picks))
            st.rerun()
    return None if missing else plan


def _read(data: bytes, name: str, mapping: dict[str, str]) -> RosterImport:
    """Read the upload once per file and mapping; reruns reuse the result."""
    key = (name, hashlib.sha256(data).hexdigest(), tuple(sorted(mapping.items())))
    held = st.session_state.get("import_read")
    if held and held[0] == key:
        result: RosterImport = held[1]
        return result
    with st.status(f"Reading {name}…", expanded=False) as status:
        bar = st.progress(0.0)

        def tell(done: float, what: str) -> None:
            bar.progress(done, text=what)

        result = ie.read_upload(
            data, name, policy=current_policy(), today=date.today(), progress=tell, mapping=mapping
        )
        status.update(label=f"Read {name}", state="error" if result.unusable else "complete")
    st.session_state["import_read"] = (key, result)
    return result


def _show_result(result: RosterImport) -> None:
    found = ie.outcome(result)
    cols = st.columns(4)
    cols[0].metric("Rows read", found.rows_read)
    cols[1].metric("Imported", found.imported)
    cols[2].metric("Left out", len(found.left_out))
    cols[3].metric("Rows with problems", found.with_problems)
    st.write(found.headline)
    problems = ie.problem_table(result)
    if problems:
        st.subheader("Problems")
        st.caption("Each against the row and column it is in; errors leave a row out.")
        st.dataframe(problems, hide_index=True)
    unused = ie.unused_columns(result)
    if unused:
        st.subheader("Columns not used")
        st.dataframe(unused, hide_index=True)


def _show_diff(preview: Preview) -> None:
    diff = preview.diff
    st.subheader("What saving would change")
    if preview.base is None:
        st.write("This is a new service: everyone in the file joins it.")
    else:
        st.caption(f"Compared with the latest snapshot, {ie.snapshot_label(preview.base)}.")
    st.write(ie.diff_headline(diff))
    if diff.service_changes:
        st.dataframe(ie.service_change_table(diff), hide_index=True)
    for title, workers in (("Joining", diff.joiners), ("Leaving", diff.leavers)):
        if workers and preview.base is not None:
            st.markdown(f"**{title}** ({len(workers)})")
            st.dataframe(ie.people_table(workers), hide_index=True)
    if diff.changed:
        st.markdown(f"**Changed** ({len(diff.changed)})")
        st.dataframe(ie.category_table(diff), hide_index=True)
        st.dataframe(ie.change_table(diff), hide_index=True)


def _remember(db: Store, service_id: int, mapping: dict[str, str], plan: HeaderPlan | None) -> None:
    """The mapping the user confirmed with this import, for the service's next import."""
    if plan is None:
        return  # a file of fixed headings: nothing was mapped
    headings = [c.heading for c in ie.mappable(plan)]
    try:
        remember_mapping(db, service_id, mapping, headings, by=current_user())
    except StoreError as exc:
        st.session_state[DONE] += f" The column mapping could not be remembered: {exc}"


def _confirm(
    db: Store, result: RosterImport, mapping: dict[str, str], plan: HeaderPlan | None
) -> None:
    assert result.service is not None
    options, default = ie.targets(
        db.services(), result.service, current_service_id(db), result.source == "template"
    )
    target = st.selectbox(
        "Save as",
        options,
        index=default,
        format_func=lambda t: t.label,
        key="import_target",
    )
    named = result.source == "template"
    try:
        latest = db.latest(target.service_id) if target.service_id is not None else None
        incoming = ie.into(result.service, target, latest.service if latest else None, named)
        preview = db.preview(incoming, target.service_id, renamed=result.renamed)
    except StoreError as exc:
        st.error(str(exc))
        return
    _show_diff(preview)
    check = removal_check(preview, current_policy())
    if check.verdict == "refused":
        st.error(check.sentence, icon=":material/block:")
        return
    confirmed = 0
    if check.verdict == "confirm":
        st.warning(check.sentence, icon=":material/warning:")
        if st.checkbox(
            f"Yes: {check.leaving} people leave {preview.incoming.name}", key="leavers_ok"
        ):
            confirmed = check.leaving
    note = st.text_input("Note (why this import)", value=ie.default_note(result.filename))
    if st.button(
        "Confirm import",
        type="primary",
        icon=":material/save:",
        disabled=check.verdict == "confirm" and not confirmed,
    ):
        try:
            saved = db.confirm(
                preview,
                by=current_user(),
                note=note.strip() or ie.default_note(result.filename),
                source=result.filename,
                leavers_confirmed=confirmed,
                policy=current_policy(),
            )
        except StoreError as exc:
            st.error(str(exc))
            return
        st.session_state[DONE] = (
            f"Saved snapshot {saved.number} of {saved.service_name}: {saved.headcount} workers."
        )
        _remember(db, saved.service_id, mapping, plan)
        st.session_state[UPLOAD] = st.session_state.get(UPLOAD, 0) + 1
        for held in ("import_read", HEADER, MAPPING):
            st.session_state.pop(held, None)
        show_service(saved.service_id)
        st.rerun()


def _import_section(db: Store | None) -> None:
    st.header("Import a roster")
    st.download_button(
        "Download the empty template",
        _template(),
        file_name="roster_template.xlsx",
        icon=":material/download:",
    )
    if DONE in st.session_state:
        st.success(st.session_state.pop(DONE), icon=":material/check_circle:")
    upload = st.file_uploader(
        "Roster (.xlsx or .csv, or an ASC-WDS worker file)",
        type=list(ie.ACCEPTED),
        key=f"upload_{st.session_state.get(UPLOAD, 0)}",
    )
    if upload is None:
        return
    data = upload.getvalue()
    key = (upload.name, hashlib.sha256(data).hexdigest())
    found = _header(data, upload.name, key)
    if found.unusable:
        st.error(found.unusable)
        return
    mapping = _mapping(db, found, key)
    plan = _columns(found, key, mapping)
    if plan is None and not found.fixed:
        return
    result = _read(data, upload.name, mapping)
    if result.unusable or result.service is None:
        st.error(result.unusable or f"{upload.name} could not be read.")
        return
    _show_result(result)
    st.download_button(
        "Download the problem report",
        # written only when clicked: a big file's report takes seconds
        partial(ie.problem_workbook_xlsx, data, result, current_policy()),
        file_name=f"problems_{upload.name.rsplit('.', 1)[0]}.xlsx",
        icon=":material/download:",
        disabled=not result.problems,
    )
    if db is None:
        st.warning("The database cannot be opened, so this import cannot be saved.")
        return
    _confirm(db, result, mapping, plan)


def _export_section(db: Store | None) -> None:
    st.header("Export the roster")
    service, info = current_service(), current_snapshot()
    number = info.number if info else None
    st.caption(f"{service.name}, {len(service.workers)} workers, in the template layout.")
    formats = (("xlsx", ":material/table_view:"), ("csv", ":material/description:"))
    for col, (kind, icon) in zip(st.columns(2), formats, strict=True):
        col.download_button(
            f"Roster (.{kind})",
            _export(database_url(), info.id if info else None, kind),
            file_name=ie.export_name(service.name, number, kind),
            icon=icon,
            on_click=_record_export,
            args=(db, info, kind),
        )


def _record_export(db: Store | None, info: SnapshotInfo | None, kind: str) -> None:
    if db is not None and info is not None:
        db.record(
            AuditAction.EXPORT,
            by=current_user(),
            detail=f"roster export (.{kind}) of snapshot {info.number}",
            service_id=info.service_id,
            snapshot_id=info.id,
        )


guard("import_export")

st.title("Import / export")
_db = store()
_import_section(_db)
_export_section(_db)
