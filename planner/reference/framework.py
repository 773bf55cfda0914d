"""The reference frameworks: PCF domains, levels and cited statements; the TCSW role categories.

Sources: the Professional Capabilities Framework (TCSW 2012, BASW 2018) and The College of Social
Work's "The Role of the Social Worker in Adult Mental Health Services" (April 2014), section 3
and Appendix One. Everything here is read from `data/` and validated once; nothing is repeated as
a Python literal. A broken file raises `DataFileError` naming the file, the entry and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from planner.paths import data_dir
from planner.reference.strict_yaml import DataFileError, load_model

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
STATEMENT_ID = re.compile(r"^[1-9]\.[1-9][0-9]?$")
Credential = Literal["amhp_approval"]
PostCredential = Literal["amhp_approval", "practice_educator_stage_1", "practice_educator_stage_2"]
TeamKind = Literal[
    "community", "amhp_service", "crisis", "early_intervention", "inpatient", "leadership", "other"
]


class _Ref(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Ref):
    publisher: str
    title: str
    url: str
    edition: str
    retrieved: date
    seed: str | None = None
    licence: str | None = None
    own: bool = False  # this project's own reasoned default: there is no clause to cite
    files: tuple[str, ...] = ()  # for a code repository: the files the data was read from

    def citation(self) -> str:
        return f"{self.publisher}, {self.title} ({self.edition}). {self.url}"


class SourcesFile(_Ref):
    description: str
    sources: dict[str, Source]


class Domain(_Ref):
    number: int = Field(ge=1, le=9)
    name: str
    aliases: tuple[str, ...] = ()
    super_domain: Literal["purpose", "practice", "impact"]


class DomainsFile(_Ref):
    description: str
    source: tuple[str, ...]
    domains: tuple[Domain, ...]
    super_domains_note: str

    @field_validator("domains")
    @classmethod
    def _nine_in_order(cls, domains: tuple[Domain, ...]) -> tuple[Domain, ...]:
        numbers = [d.number for d in domains]
        if numbers != list(range(1, 10)):
            raise ValueError(f"domains must be numbered 1 to 9 in order, found {numbers}")
        return domains


class Level(_Ref):
    id: str = Field(pattern=r"^[a-z_]+$")
    name: str
    qualified: bool
    aliases: tuple[str, ...] = ()
    pathways: tuple[str, ...] = ()


class LevelsFile(_Ref):
    description: str
    source: tuple[str, ...]
    levels: tuple[Level, ...]

    @field_validator("levels")
    @classmethod
    def _nine_levels(cls, levels: tuple[Level, ...]) -> tuple[Level, ...]:
        if len(levels) != 9:
            raise ValueError(f"the PCF has nine levels, found {len(levels)}")
        ids = [lv.id for lv in levels]
        if len(set(ids)) != len(ids):
            raise ValueError(f"level ids must be unique, found {ids}")
        flags = [lv.qualified for lv in levels]
        if flags != sorted(flags):
            raise ValueError("student levels must all come before the qualified levels")
        return levels


class StatementsFile(_Ref):
    description: str
    source: tuple[str, ...]
    statements: dict[str, dict[str, str]]
    notes: tuple[str, ...] = ()

    @field_validator("statements")
    @classmethod
    def _ids(cls, by_level: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
        for level, items in by_level.items():
            for sid in items:
                if not STATEMENT_ID.match(sid):
                    raise ValueError(f"{level} statement id {sid!r} is not <domain>.<number>")
        return by_level


class RoleFunction(_Ref):
    code: str
    title: str = Field(min_length=3, max_length=60)  # a few words of our own, for sentences
    summary: str
    # A credential the function's own work needs (the AMHP's statutory work needs an approval),
    # and the paper's words for the decision either way.
    requires: tuple[Credential, ...] = ()
    requires_basis: str | None = None

    @model_validator(mode="after")
    def _basis_given(self) -> RoleFunction:
        if self.requires and not self.requires_basis:
            raise ValueError(
                f"{self.code} requires {list(self.requires)}: say why (requires_basis)"
            )
        return self


class MappingGroup(_Ref):
    group: str
    title: str
    level: str
    statements: tuple[str, ...]
    requires: tuple[Credential, ...] = ()

    @property
    def domains(self) -> tuple[int, ...]:
        return tuple(int(s.split(".")[0]) for s in self.statements)


class Eligibility(_Ref):
    """Who may take on a category's functions. Always a registered, qualified social worker;
    Appendix One's level (the first mapping group's, in the PCF domains it maps) is either
    `required` or only a `readiness_signal`, shown beside the cover but never a gate."""

    appendix_one_level: Literal["required", "readiness_signal"]
    source: str
    clause: str = Field(min_length=1)

    @property
    def level_required(self) -> bool:
        return self.appendix_one_level == "required"


class RoleCategory(_Ref):
    code: Literal["A", "B", "C", "D", "E"]
    title: str
    summary: str
    eligibility: Eligibility
    allocation_note: str | None = None
    source: tuple[str, ...]
    functions: tuple[RoleFunction, ...]
    mapping: tuple[MappingGroup, ...]

    @model_validator(mode="after")
    def _functions_numbered(self) -> RoleCategory:
        expected = [f"{self.code}.{r}" for r in ROMAN[: len(self.functions)]]
        found = [f.code for f in self.functions]
        if found != expected:
            raise ValueError(f"functions must be numbered {expected}, found {found}")
        for group in self.mapping:
            if sorted(group.domains) != list(range(1, 10)):
                raise ValueError(
                    f"mapping group {group.group!r} must cite one statement in each of the nine "
                    f"domains, found domains {list(group.domains)}"
                )
        return self

    @property
    def level_mapping(self) -> MappingGroup:
        """The mapping group whose level decides eligibility (where `eligibility` requires it)
        or signals readiness (where it does not)."""
        return self.mapping[0]


class Post(_Ref):
    id: str = Field(pattern=r"^[a-z_]+$")
    name: str
    scope: Literal["service", "team"]
    team_kinds: tuple[TeamKind, ...] = ()
    needed: Literal["always", "when_amhps", "when_students", "optional"]
    min_level: str
    category: Literal["A", "B", "C", "D", "E"] | None = None
    requires: tuple[PostCredential, ...] = ()
    source: str
    note: str


class PostsFile(_Ref):
    description: str
    source: tuple[str, ...]
    posts: tuple[Post, ...]


class Benchmark(_Ref):
    label: str
    year: int | None = None  # None: the source gives the figure without a date
    per_100k: float = Field(gt=0)
    measure: Literal["headcount", "fte"]  # approved people, or their full-time equivalents
    source: str
    clause: str = Field(min_length=1)  # where in the source the figure is given
    check: bool = False
    note: str = ""


class HeadcountFigure(_Ref):
    year: int
    headcount: int = Field(gt=0)
    source: str


class DetentionFigure(_Ref):
    year: str
    detentions: int = Field(gt=0)
    at_least: bool = False  # the source gives "over N", not the count
    source: str
    note: str = ""


class BenchmarksFile(_Ref):
    description: str
    source: tuple[str, ...]
    amhp_per_100k: tuple[Benchmark, ...]
    national_amhp_headcount: tuple[HeadcountFigure, ...]
    mha_detentions_england: tuple[DetentionFigure, ...]


class Statement(_Ref):
    id: str
    level: str
    domain: int
    summary: str


class Framework(_Ref):
    """All reference data, cross-checked: every cited source, level and statement exists."""

    sources: dict[str, Source]
    domains: tuple[Domain, ...]
    levels: tuple[Level, ...]
    statements: tuple[Statement, ...]
    statement_notes: tuple[str, ...]
    categories: tuple[RoleCategory, ...]
    posts: tuple[Post, ...]
    benchmarks: BenchmarksFile
    _level_names: dict[str, str] = PrivateAttr(default_factory=dict)
    _ranks: dict[str, int] = PrivateAttr(default_factory=dict)
    _codes: tuple[tuple[str, ...], tuple[str, ...]] = PrivateAttr(default=((), ()))
    _code_set: frozenset[str] = PrivateAttr(default=frozenset())

    def model_post_init(self, context: object, /) -> None:
        for rank, lv in enumerate(self.levels):
            self._ranks[lv.id] = rank
            for name in (lv.id, lv.name, *lv.aliases):
                self._level_names[_norm(name)] = lv.id
                self._level_names[name] = lv.id  # as written: found without normalising
        functions = tuple(f.code for cat in self.categories for f in cat.functions)
        self._codes = (functions, tuple(p.id for p in self.posts))
        self._code_set = frozenset(functions)

    def level_ids(self) -> tuple[str, ...]:
        return tuple(lv.id for lv in self.levels)

    def rank(self, level_id: str) -> int:
        """Position of a level, 0 (point of entry) to 8 (strategic)."""
        # Private attributes read through __getattr__ are slow; this is a hot path in validation.
        ranks: dict[str, int] = self.__pydantic_private__["_ranks"]  # type: ignore[index]
        return ranks[level_id]

    def level(self, level_id: str) -> Level:
        return self.levels[self.rank(level_id)]

    def parse_level(self, text: str) -> str | None:
        """A level id from an id, a name or a common abbreviation, forgiving case and spacing."""
        names: dict[str, str] = self.__pydantic_private__["_level_names"]  # type: ignore[index]
        return names.get(text) or names.get(_norm(text))

    def category(self, code: str) -> RoleCategory:
        for cat in self.categories:
            if cat.code == code:
                return cat
        raise KeyError(code)

    def function_codes(self) -> tuple[str, ...]:
        # Built once: Worker validation asks for these for every row of a roster.
        return self.__pydantic_private__["_codes"][0]  # type: ignore[index,no-any-return]

    def function_code_set(self) -> frozenset[str]:
        return self.__pydantic_private__["_code_set"]  # type: ignore[index,no-any-return]

    def function(self, code: str) -> RoleFunction:
        return self.category(code.split(".")[0]).functions[ROMAN.index(code.split(".")[1])]

    def domain(self, number: int) -> Domain:
        return self.domains[number - 1]

    def statement(self, level: str, sid: str) -> Statement:
        for st in self.statements:
            if st.level == level and st.id == sid:
                return st
        raise KeyError((level, sid))

    def post(self, post_id: str) -> Post:
        for post in self.posts:
            if post.id == post_id:
                return post
        raise KeyError(post_id)

    def post_ids(self) -> tuple[str, ...]:
        return self.__pydantic_private__["_codes"][1]  # type: ignore[index,no-any-return]

    def source(self, source_id: str) -> Source:
        return self.sources[source_id]


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _check_refs(path: Path, what: str, refs: Iterable[str], known: Iterable[str]) -> None:
    missing = sorted(set(refs) - set(known))
    if missing:
        raise DataFileError(f"{path.name}: {what} {missing} not defined")


def _load_categories(root: Path) -> tuple[RoleCategory, ...]:
    files = sorted((root / "roles").glob("*.yaml"))
    cats = tuple(load_model(f, RoleCategory) for f in files)
    for f, cat in zip(files, cats, strict=True):
        if f.stem != cat.code:
            raise DataFileError(f"{f.name}: entry code: file holds category {cat.code!r}")
    if [c.code for c in cats] != ["A", "B", "C", "D", "E"]:
        raise DataFileError(f"roles/: expected categories A to E, found {[c.code for c in cats]}")
    return cats


def _statements(stf: StatementsFile) -> tuple[Statement, ...]:
    return tuple(
        Statement(id=sid, level=level, domain=int(sid.split(".")[0]), summary=text)
        for level, items in stf.statements.items()
        for sid, text in items.items()
    )


def _cross_check(root: Path, fw: Framework, refs: dict[str, tuple[str, ...]]) -> None:
    for fname, srcs in refs.items():
        _check_refs(root / fname, "source", srcs, fw.sources)
    levels = fw.level_ids()
    _check_refs(root / "pcf/statements.yaml", "level", {s.level for s in fw.statements}, levels)
    _check_refs(root / "posts.yaml", "level", {p.min_level for p in fw.posts}, levels)
    cited = {(s.level, s.id) for s in fw.statements}
    for cat in fw.categories:
        path = root / "roles" / f"{cat.code}.yaml"
        _check_refs(path, "level", [g.level for g in cat.mapping], levels)
        for group in cat.mapping:
            missing = [s for s in group.statements if (group.level, s) not in cited]
            if missing:
                raise DataFileError(
                    f"{path.name}: entry mapping.{group.group}: statements {missing} at level "
                    f"{group.level!r} are not in pcf/statements.yaml"
                )


def load_framework(root: Path | None = None) -> Framework:
    """Load and validate all reference data (cached per folder)."""
    return _load(root or _default_root())


@cache
def _default_root() -> Path:
    # data_dir() looks at the file system; Worker validation calls this for every row.
    return data_dir()


@cache
def _load(root: Path) -> Framework:
    sources = load_model(root / "sources.yaml", SourcesFile)
    domains = load_model(root / "pcf" / "domains.yaml", DomainsFile)
    levels = load_model(root / "pcf" / "levels.yaml", LevelsFile)
    stf = load_model(root / "pcf" / "statements.yaml", StatementsFile)
    cats = _load_categories(root)
    posts = load_model(root / "posts.yaml", PostsFile)
    bench = load_model(root / "benchmarks.yaml", BenchmarksFile)
    fw = Framework(
        sources=sources.sources,
        domains=domains.domains,
        levels=levels.levels,
        statements=_statements(stf),
        statement_notes=stf.notes,
        categories=cats,
        posts=posts.posts,
        benchmarks=bench,
    )
    refs = {
        "pcf/domains.yaml": domains.source,
        "pcf/levels.yaml": levels.source,
        "pcf/statements.yaml": stf.source,
        **{f"roles/{c.code}.yaml": (*c.source, c.eligibility.source) for c in cats},
        "posts.yaml": posts.source + tuple(p.source for p in posts.posts),
        "benchmarks.yaml": bench.source
        + tuple(b.source for b in bench.amhp_per_100k)
        + tuple(h.source for h in bench.national_amhp_headcount)
        + tuple(d.source for d in bench.mha_detentions_england),
    }
    _cross_check(root, fw, refs)
    return fw
