"""The second wall: what a connection to the analysts' file (``store.analyst_db``) may read.

``receiptctl serve`` (Datasette) and ``receiptctl report`` set :func:`analyst_authorizer` on every
connection to that file."""
from __future__ import annotations

import sqlite3

from .analyst_db import ANALYST_TABLES, SEARCH_TABLES

_SCHEMA_TABLES = frozenset(("sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema",
                            "sqlite_stat1", "sqlite_stat4"))
_FTS_SHADOW = tuple(f"{fts}_" for fts in SEARCH_TABLES)  # line_items_fts_data, _idx, _config, _docsize
_TABLE_PRAGMAS = frozenset(("table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
                            "foreign_key_list"))  # their argument names a table or an index
_READ_PRAGMAS = frozenset(("schema_version", "data_version", "user_version", "page_size", "page_count",
                           "freelist_count", "encoding", "collation_list", "function_list", "module_list",
                           "pragma_list", "compile_options"))  # read without an argument
_ALLOWED_ACTIONS = frozenset((sqlite3.SQLITE_SELECT, sqlite3.SQLITE_FUNCTION, sqlite3.SQLITE_RECURSIVE,
                              sqlite3.SQLITE_TRANSACTION, sqlite3.SQLITE_SAVEPOINT, sqlite3.SQLITE_ANALYZE))


def readable(table: str) -> bool:
    return table in ANALYST_TABLES or table in _SCHEMA_TABLES or table.startswith(_FTS_SHADOW)


def analyst_authorizer(action: int, arg1, arg2, db_name, source):
    """sqlite3 authorizer for connections to the analysts' file: an allow-list.

    Reads of the analysts' tables, the FTS internals and the schema; read-only introspection
    pragmas; nothing else (no ATTACH, no other table such as ``sqlite_stmt``, no writes)."""
    if action == sqlite3.SQLITE_READ:
        return sqlite3.SQLITE_OK if readable(arg1 or "") else sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master":
        # FTS5 declaring its table when it connects; SQLite itself refuses such writes from SQL
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        allowed = name in _TABLE_PRAGMAS or (name in _READ_PRAGMAS and arg2 is None)
        return sqlite3.SQLITE_OK if allowed else sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK if action in _ALLOWED_ACTIONS else sqlite3.SQLITE_DENY
