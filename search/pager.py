"""A search's matches, paged: what ``SearchEntry.objects.search()`` returns.

Not a model: it reads entries through the queryset it is given and asks the
database's full-text backend (fulltext.py) which of them match.
"""

import functools

from . import fulltext


class SearchResults:
    """The matches of a search, for a Paginator: ``count()``, then one slice.

    Order: matches in the title, then in the headline, then elsewhere (three
    tiers); within a tier, ``newest_first()``. Common words match tens of
    thousands of entries, so nothing here reads them all: the count stops at
    COUNT_LIMIT (the page then says "more than 1,000 results", and only those
    can be paged through), and a page is read tier by tier, most often from
    the small title tier alone. Up to SORT_ALL_LIMIT matches (most searches)
    are simply sorted by tier, in one query; for more, sorting them all
    becomes slower than asking tier by tier (measured on SQLite, see
    docs/benchmarks.md).
    """

    COUNT_LIMIT = 1000
    SORT_ALL_LIMIT = 100
    ordered = True  # for Paginator

    def __init__(self, entries, query, now):
        self.entries = entries
        self.query = query
        self.now = now
        self.backend = fulltext.backend_for(entries.db)
        self.capped = False

    def count(self):
        """The number of matches, up to COUNT_LIMIT."""
        if not hasattr(self, "_count"):
            found = self.backend.capped_count(
                self.public, self.query, self.now, self.COUNT_LIMIT + 1
            )
            self.capped = found > self.COUNT_LIMIT
            self._count = min(found, self.COUNT_LIMIT)
        return self._count

    def __len__(self):
        return self.count()

    @functools.cached_property
    def public(self):
        # Built once: a search runs up to five queries on it.
        return self.entries.public(self.now)

    def _with_texts(self, page_ids):
        """The entries of ``page_ids`` (a sliced subquery in result order) with
        what they show, in one query. The texts are joined to the page's
        entries only: sorting thousands of matches with their texts would
        carry every text through the sort (SQLite)."""
        entries = self.entries.model.objects.using(self.entries.db).filter(pk__in=page_ids)
        return list(entries.with_texts().newest_first())

    def tier(self, number):
        return self.backend.tier(self.public, self.query, number).newest_first()

    def __getitem__(self, page):
        if not isinstance(page, slice) or page.step is not None:
            raise TypeError("SearchResults are read a page (a slice) at a time.")
        skip, wanted = page.start or 0, page.stop - (page.start or 0)
        if self.count() <= self.SORT_ALL_LIMIT and not self.capped:
            matches = self.backend.filter(self.public, self.query)
            tier = self.backend.tier_number(self.query)
            return list(matches.with_texts().newest_first(tier)[skip : skip + wanted])
        entries = []
        for number in range(3):
            if wanted <= 0:
                break
            matches = self.tier(number)
            if skip:
                size = matches[: skip + 1].count()  # no need to count further
                if skip >= size:
                    skip -= size
                    continue
            found = self._with_texts(matches.values("pk")[skip : skip + wanted])
            skip, wanted = 0, wanted - len(found)
            entries += found
        return entries
