"""The names a user chooses between (backends, instructor modes, the rules' version), kept
free of heavy imports so the command line can offer them without loading a model client."""

from __future__ import annotations

from enum import StrEnum

RULES_VERSION = "rules"


class Backend(StrEnum):
    REPLAY = "replay"
    OPENAI = "openai"
    RULES = "rules"


class InstructorMode(StrEnum):
    TOOLS = "tools"
    JSON_SCHEMA = "json_schema"
    MD_JSON = "md_json"
    AUTO = "auto"  # tools, falling back once to each next mode a server refuses
