"""Across councils, for a commissioner covering several: the aggregate files of their services
(`planner aggregates` JSON, no personal data) side by side, now or in a chosen year of their
projections, against the target, the national benchmark and a chosen minimum. A file holding
personal data is refused."""

import io

import pandas as pd
import streamlit as st

from planner.disclosure.councils import (
    CouncilFileError,
    compare_councils,
    default_minimum,
    read_council_file,
)
from planner.present.councils import council_chart, year_table
from planner.workbooks.councils import HEADINGS, write_councils_workbook
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
years_ahead = st.selectbox(
    "Year",
    comparison.years,
    index=0,
    format_func=comparison.period_label,
    key="council_year",
    help="Now, or a year of each council's projection if nothing is done.",
)
label = comparison.period_label(years_ahead)
below = comparison.below_in(years_ahead)
st.subheader(f"AMHPs and duty FTE per 100,000: {label}")
if below:
    st.warning(f"Below the minimum ({label}): " + ", ".join(sorted(below)))


def _red(row: pd.Series) -> list[str]:
    return ["background-color: #F4B6B6" if row["Below the minimum"] == "Below" else ""] * len(row)


table = pd.DataFrame(year_table(comparison, years_ahead), columns=list(HEADINGS))
st.dataframe(table.style.apply(_red, axis=1), hide_index=True)
for note in comparison.notes:
    st.caption(note)
chart = council_chart(comparison, years_ahead)
if chart is not None:
    st.altair_chart(chart, use_container_width=True)
else:
    st.caption("No council's rate is published for this year (suppressed or not in the file).")
with st.expander("Every year"):
    st.dataframe(
        pd.DataFrame(year_table(comparison), columns=list(HEADINGS)).style.apply(_red, axis=1),
        hide_index=True,
    )

buffer = io.BytesIO()
write_councils_workbook(comparison, buffer)
st.download_button(
    "Download the comparison (.xlsx)",
    buffer.getvalue(),
    file_name="councils.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
