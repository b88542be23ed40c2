"""The graph: ``store`` (the one module that uses the store's engine), the names plankg
mints (``iris``, ``terms``, ``vocab``), and four parts by role — ``ingest`` (records into
the store), ``derived`` (indexes and views), ``query`` (named questions, backends,
servers) and ``report`` (audit, statistics, networks, exports, validation).
"""
