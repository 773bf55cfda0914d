"""Across councils, for a commissioner covering several: the aggregate files of their services
(`planner aggregates` JSON, no personal data) side by side, against the target, the national
benchmark and a chosen minimum. A file holding personal data is refused."""

import io

import altair as alt
import pandas as pd
import streamlit as st

from planner.disclosure.councils import (
    CouncilFileError,
    compare_councils,
    default_minimum,
    read_council_file,
)
from planner.workbooks.councils import HEADINGS, council_table, write_councils_workbook
from screens.common.signin import guard

guard("councils")

st.title("Across councils")
st.caption(
    "Load the aggregates files (.json from `planner aggregates` or the AMHP page) of several "
    "services. Aggregates only: a file with names, staff ids or a list of workers is refused."
)
uploads = st.file_uploader(
    "Aggregates files", type=["json"], accept_multiple_files=True, key="council_files"
)
views = []
for f in uploads or []:
    try:
        views.append(read_council_file(f.getvalue(), f.name))
    except CouncilFileError as exc:
        st.error(str(exc))
if not views:
    st.info("Load two or more aggregates files to compare the councils.")
    st.stop()

minimum = st.number_input(
    "Minimum AMHPs per 100,000",
    min_value=0.0,
    value=float(default_minimum(views)),
    step=0.5,
    key="council_minimum",
)
comparison = compare_councils(views, minimum)
table = pd.DataFrame(council_table(comparison), columns=list(HEADINGS)).astype(str)
table = table.replace({"None": ""})
below = set(comparison.below)
st.subheader("AMHPs and duty FTE per 100,000")
if below:
    st.warning("Below the minimum now: " + ", ".join(sorted(below)))
st.dataframe(
    table.style.apply(
        lambda row: (
            ["background-color: #F4B6B6" if row["Below the minimum"] == "Below" else ""] * len(row)
        ),
        axis=1,
    ),
    hide_index=True,
)
for note in comparison.notes:
    st.caption(note)

now = [r for r in comparison.rows if r.current and isinstance(r.amhps_per_100k, int | float)]
if now:
    bars = pd.DataFrame(
        {
            "Council": [r.council for r in now],
            "AMHPs per 100,000": [r.amhps_per_100k for r in now],
            "Below the minimum": ["Below" if r.below_minimum else "At or above" for r in now],
        }
    )
    chart = (
        alt.Chart(bars)
        .mark_bar()
        .encode(
            x=alt.X("Council:N", sort=None),
            y=alt.Y("AMHPs per 100,000:Q"),
            color=alt.Color(
                "Below the minimum:N",
                scale=alt.Scale(domain=["Below", "At or above"], range=["#C00000", "#1F77B4"]),
            ),
            tooltip=["Council", "AMHPs per 100,000"],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"Minimum": [minimum]}))
        .mark_rule(color="#C00000", strokeDash=[6, 4])
        .encode(y="Minimum:Q")
    )
    st.altair_chart(chart + rule, use_container_width=True)
else:
    st.caption("No council's rate is published (all suppressed or without a population).")

buffer = io.BytesIO()
write_councils_workbook(comparison, buffer)
st.download_button(
    "Download the comparison (.xlsx)",
    buffer.getvalue(),
    file_name="councils.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
