"""What one process keeps of stored rules it reads on every search (the thesaurus, the
merchandising rules): a snapshot, reloaded only when the stored version changed and swapped
whole, so a reader never sees half a change."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from typing import Generic, TypeVar

from sqlalchemy.orm import Session, sessionmaker

T = TypeVar("T")


class LiveCopy(ABC, Generic[T]):
    def __init__(self, sessions: sessionmaker[Session], empty: T) -> None:
        self.sessions = sessions
        self.snapshot: tuple[int, T] = (-1, empty)  # version, copy: one swap
        self._lock = threading.Lock()

    @property
    def current(self) -> T:
        return self.snapshot[1]

    def refresh(self) -> bool:
        """Reload if the stored version changed; whether it did."""
        with self._lock, self.sessions() as session:
            stored = self._version(session)
            if stored == self.snapshot[0]:
                return False
            self.snapshot = (stored, self._load(session))
            return True

    @abstractmethod
    def _version(self, session: Session) -> int: ...

    @abstractmethod
    def _load(self, session: Session) -> T: ...
