"""Django's PostgreSQL backend, with a deadline on the client's side for every wait.

``OPTIONS["client_deadline"]`` (seconds; 0 or absent: none; kb/settings.py sets
it from DJANGO_DB_CLIENT_DEADLINE) bounds each query, health check, commit,
rollback and a new connection's set-up queries (connect_timeout bounds
connecting; the later fetches of a server-side cursor, ``.iterator()``, are not
bounded: no reader's page uses one):
past it the watchdog (operations/deadline.py) cuts the connection, the wait
ends in OperationalError, the site answers 503 and the next request
reconnects. Set above statement_timeout, it only fires when the server stops
answering at all, not on a slow query (the server cancels that one first).
"""

from django.db import DEFAULT_DB_ALIAS
from django.db.backends.postgresql import base
from django.db.utils import OperationalError

from operations.deadline import Wait


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, settings_dict, alias=DEFAULT_DB_ALIAS):
        super().__init__(settings_dict, alias)
        self.client_deadline = float(settings_dict.get("OPTIONS", {}).get("client_deadline") or 0)
        self._health_check_cut = False
        if self.client_deadline:
            # The outermost wrapper (documented hook): every query through Django's cursors.
            self.execute_wrappers.append(self._query_within_deadline)

    def get_connection_params(self):
        params = super().get_connection_params()
        params.pop("client_deadline", None)  # ours, not a libpq parameter
        return params

    def _within_deadline(self):
        return Wait(self.connection, self.client_deadline)

    def _query_within_deadline(self, execute, sql, params, many, context):
        with self._within_deadline():
            return execute(sql, params, many, context)

    def init_connection_state(self):
        # A new connection's time zone and role: set by queries of its own.
        with self._within_deadline():
            super().init_connection_state()

    def is_usable(self):
        # Django's health check runs its SELECT 1 on psycopg's own cursor, past
        # the execute wrappers.
        with self._within_deadline() as wait:
            usable = super().is_usable()
        self._health_check_cut = wait.cut
        return usable

    def close_if_health_check_failed(self):
        self._health_check_cut = False
        super().close_if_health_check_failed()
        if self._health_check_cut:
            # The server was reached and then went silent: connecting again
            # now would only wait out connect_timeout. A 503 now; the next
            # request connects anew.
            self._health_check_cut = False
            raise OperationalError(
                f"The database did not answer within {self.client_deadline:g} s "
                "(client deadline); connection closed."
            )

    def _commit(self):
        with self._within_deadline():
            return super()._commit()

    def _rollback(self):
        with self._within_deadline():
            return super()._rollback()
