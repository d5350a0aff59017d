"""Storage: SQLModel tables, async engine/sessions, owner-scoped repositories, migrations.

db = Database(settings.database_url)      # async engine + session factory
await ensure_schema(settings.database_url)  # Alembic upgrade to head (in a thread)
repo = Repo(db)
case_id = await repo.create_case(user_id, case, chat_id=chat_id)
"""

from bot.store.convert import ConversationRecord, StoredCase, UserRecord
from bot.store.engine import Database, create_engine
from bot.store.migrate import SchemaError, ensure_schema, upgrade
from bot.store.repo import NotFound, Repo, all_conversations, case_id_of, conversation_key


async def open_database(url: str, *, upgrade_schema: bool = True) -> Database:
    """Upgrade the schema (unless told not to) and open the database."""
    if upgrade_schema:
        await ensure_schema(url)
    return Database(url)


__all__ = [
    "ConversationRecord",
    "Database",
    "NotFound",
    "Repo",
    "SchemaError",
    "StoredCase",
    "UserRecord",
    "all_conversations",
    "case_id_of",
    "conversation_key",
    "create_engine",
    "ensure_schema",
    "open_database",
    "upgrade",
]
