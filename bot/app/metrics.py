"""Prometheus metrics: counts read from the database at each scrape (so every replica agrees and a
restart loses nothing), live figures from the running process (API calls, streaming, poll time)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Callable, Iterator, Protocol

from prometheus_client import CollectorRegistry, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from sqlalchemy import func, select

from bot.delivery.outbox import Outbox
from bot.delivery.records import UNSENT
from bot.storage.models.delivery import Claim
from bot.storage.models.mentoring import Offer, Request

if TYPE_CHECKING:
    from bot.app.bot import Bot
    from bot.platform.streaming import StreamingState



class Observed(Protocol):
    """What the figures read from the running process (the service)."""

    @property
    def is_leader(self) -> bool: ...

    @property
    def streaming_state(self) -> StreamingState | None: ...

    @property
    def bot(self) -> Bot | None: ...


class Metrics:
    """One registry per service (tests run several in one process)."""

    def __init__(self, service: Observed, clock: Callable[[], datetime]):
        self.registry = CollectorRegistry(auto_describe=True)
        self.poll_duration = Histogram("mentorat_poll_duration_seconds", "Time to read every source once",
                                       registry=self.registry,
                                       buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
        self.registry.register(_Collector(service, clock))


class _Collector:
    def __init__(self, service: Observed, clock: Callable[[], datetime]):
        self.service = service
        self.clock = clock

    def describe(self) -> list[Metric]:
        return []  # collected on demand: nothing to check at registration

    def collect(self) -> Iterator[Metric]:
        service = self.service
        leader = GaugeMetricFamily("mentorat_leader", "1 when this process is the one acting")
        leader.add_metric([], 1.0 if service.is_leader else 0.0)
        yield leader
        streaming = GaugeMetricFamily("mentorat_streaming_connected", "1 while the streaming connection is up")
        state = service.streaming_state
        streaming.add_metric([], 1.0 if state is not None and state.connected else 0.0)
        yield streaming
        bot = service.bot
        if bot is None:
            return  # a follower: nothing of its own to count
        calls = CounterMetricFamily("mentorat_api_calls", "Calls made to the instance's API")
        calls.add_metric([], float(bot.gateway.calls))
        yield calls
        limited = CounterMetricFamily("mentorat_api_rate_limited", "Calls the instance answered 429")
        limited.add_metric([], float(bot.gateway.rate_limited))
        yield limited
        if bot.last_poll is not None:
            last = GaugeMetricFamily("mentorat_last_poll_timestamp_seconds", "When every source was last read")
            last.add_metric([], bot.last_poll.timestamp())
            yield last
        yield from self._from_database(bot)

    def _from_database(self, bot) -> Iterator[Metric]:
        now = self.clock()
        with bot.store.transaction() as session:
            read = session.execute(select(Claim.source, func.count()).group_by(Claim.source)).all()
            requests = session.execute(select(Request.state, func.count()).group_by(Request.state)).all()
            offers = session.execute(select(Offer.state, func.count()).group_by(Offer.state)).all()
            outbox = Outbox.counts(session)
            oldest = Outbox.oldest_unsent(session)
        yield _counter("mentorat_statuses_read", "Statuses read, by the road they came by", "source", read)
        yield _gauge("mentorat_requests", "Requests for a mentor, by where they stand", "outcome", requests)
        yield _gauge("mentorat_offers", "Offers made to mentors, by their answer", "answer", offers)
        queue = GaugeMetricFamily("mentorat_outbox_queue_length", "Messages waiting to be posted")
        queue.add_metric([], float(sum(outbox.get(s, 0) for s in UNSENT)))
        yield queue
        age = GaugeMetricFamily("mentorat_outbox_oldest_unsent_age_seconds", "Age of the oldest unsent message")
        age.add_metric([], max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)
        yield age
        sent = CounterMetricFamily("mentorat_posts_sent", "Posts made")
        sent.add_metric([], float(outbox.get("sent", 0)))
        yield sent
        failed = CounterMetricFamily("mentorat_posts_failed", "Posts the instance refused for good")
        failed.add_metric([], float(outbox.get("failed", 0)))
        yield failed


def _counter(name: str, documentation: str, label: str, rows) -> Metric:
    family = CounterMetricFamily(name, documentation, labels=[label])
    for value, count in rows:
        family.add_metric([str(value)], float(count))
    return family


def _gauge(name: str, documentation: str, label: str, rows) -> Metric:
    family = GaugeMetricFamily(name, documentation, labels=[label])
    for value, count in rows:
        family.add_metric([str(value)], float(count))
    return family
