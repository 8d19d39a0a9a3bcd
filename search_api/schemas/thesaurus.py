"""Bodies of the thesaurus endpoints (customer support)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from marketplace_core.thesaurus.models import ThesaurusRule
from marketplace_core.thesaurus.rules import MAX_TARGETS, MAX_TERMS
from marketplace_core.thesaurus.service import Change
from search_api.schemas.base import RequestBody

Kind = Literal["equivalence", "expansion"]
LangCode = Literal["fr", "en"]


class RuleIn(RequestBody):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"lang": "fr", "kind": "equivalence", "terms": ["doublage", "voix off"]},
                {
                    "lang": "fr",
                    "kind": "expansion",
                    "terms": ["infographiste"],
                    "targets": ["logo", "identité visuelle", "illustration"],
                },
            ]
        },
    )

    lang: LangCode = Field(description="language of the words: fr or en")
    kind: Kind = Field(
        description="equivalence: the terms mean the same, each finds the others; "
        "expansion: a query holding a term is also searched with each target (one way)"
    )
    terms: list[str] = Field(
        max_length=MAX_TERMS, description="phrases of at most 5 words and 60 characters"
    )
    targets: list[str] = Field(
        default_factory=list, max_length=MAX_TARGETS, description="an expansion's targets"
    )


class RuleOut(BaseModel):
    id: int
    lang: str
    kind: str
    terms: list[str]
    targets: list[str]
    origin: Literal["default", "support"] = Field(
        description="default: shipped with the taxonomy; support: added through this API"
    )
    created_at: datetime

    @classmethod
    def of(cls, row: ThesaurusRule) -> RuleOut:
        return cls(
            id=row.id,
            lang=row.lang,
            kind=row.kind.value,
            terms=list(row.terms),
            targets=list(row.targets),
            origin="default" if row.default_key else "support",
            created_at=row.created_at,
        )


class RulesOut(BaseModel):
    version: int = Field(description="grows with every change")
    rules: list[RuleOut]


class ChangeOut(BaseModel):
    id: int
    at: datetime
    action: Literal["added", "removed"]
    actor: str | None = Field(description="the account's e-mail; null for the engine itself")
    rule_id: int
    lang: str
    kind: str
    terms: list[str]
    targets: list[str]

    @classmethod
    def of(cls, change: Change) -> ChangeOut:
        row = change.row
        return cls(
            id=row.id,
            at=row.at,
            action=row.action.value,
            actor=change.actor_email,
            rule_id=row.rule_id,
            lang=row.lang,
            kind=row.kind.value,
            terms=list(row.terms),
            targets=list(row.targets),
        )


class VariantOut(BaseModel):
    text: str
    weight: float


class ExpansionOut(BaseModel):
    q: str
    version: int = Field(description="the thesaurus version this process searches with")
    variants: list[VariantOut]
