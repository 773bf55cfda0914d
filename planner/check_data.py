"""`planner check-data`: load every reference file, cross-check it, and report what was loaded.

The report is plain data, so a script can check the framework without our Python API. A file
that cannot be loaded raises `DataFileError`; what loads but is not yet right is listed under
`problems` and makes `ok` false: today, a policy value citing a published source without saying
which clause of it the value rests on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from planner.disclosure.roles import load_roles
from planner.reference.framework import load_framework
from planner.reference.policy import citation_problems, default_policy, policy_entries
from planner.reference.population import load_population
from planner.workforce.demo import load_demo


def check_data(root: Path | None = None) -> dict[str, Any]:
    """Everything in `data/` (or `root`, a copy of it) loaded, cross-checked and summarised."""
    fw = load_framework(root)
    policy = default_policy(root)
    pop = load_population(root)
    demo = load_demo()
    problems = citation_problems(root)
    return {
        "ok": not problems,
        "problems": problems,
        "domains": [
            {
                "number": d.number,
                "name": d.name,
                "aliases": list(d.aliases),
                "super_domain": d.super_domain,
            }
            for d in fw.domains
        ],
        "levels": [
            {"id": lv.id, "name": lv.name, "qualified": lv.qualified, "order": i}
            for i, lv in enumerate(fw.levels)
        ],
        "categories": [
            {
                "code": c.code,
                "title": c.title,
                "eligibility": {
                    "who": "registered social worker",
                    "appendix_one_level": c.eligibility.appendix_one_level,
                    "level": c.level_mapping.level,
                    "source": c.eligibility.source,
                    "clause": c.eligibility.clause,
                },
                "functions": [f.code for f in c.functions],
                "function_requires": {f.code: list(f.requires) for f in c.functions if f.requires},
                "mapping": {
                    g.group: {
                        "level": g.level,
                        "statements": list(g.statements),
                        "requires": list(g.requires),
                    }
                    for g in c.mapping
                },
            }
            for c in fw.categories
        ],
        "posts": [p.id for p in fw.posts],
        "statements": len(fw.statements),
        "sources": len(fw.sources),
        "policy": {
            "values": len(policy_entries()),
            "checked_defaults": sum(e.check for e in policy_entries().values()),
            "defaults": policy.model_dump(mode="json"),
        },
        "population": {
            "rows": len(pop.rows),
            "councils": len(pop.councils()),
            "current_councils": len(pop.current_councils()),
            "years": list(pop.years()),
            "licence": pop.meta.licence,
        },
        "demo": {"name": demo.name, "workers": len(demo.workers)},
        "roles": {role: list(entry.pages) for role, entry in load_roles(root).roles.items()},
    }
