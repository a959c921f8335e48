"""Nothing lost, nothing twice, on the real server: 100 requests through a proxy that spoils 30 % of the
answers, while the bot process is killed with SIGKILL at random moments and restarted."""

from __future__ import annotations

from faultproxy import RateLimit
from soak import Soak


def test_a_hundred_requests_at_thirty_percent_faults_and_ten_kills_are_each_answered_once(clean_server, tmp_path):
    # The proxy's rate limit is a budget the bot must keep under (no 429 earned), not what sets its pace.
    # The requests come in five seconds and the kills in the twenty after: the rest of the run is the bot
    # catching up under faults, which ends the test as soon as everyone has been answered.
    result = Soak(clean_server, tmp_path, requests=100, kills=10, fault_rate=0.3, seed=7, deadline=240,
                  post_every=0.05, kill_window=15, rate_limit=RateLimit(limit=1200, period=60)).run()
    report = "\n".join(result.lines())
    print(report)  # the figures, with pytest -s
    assert result.kills >= 10, report
    assert result.exits_of_its_own == [], report
    assert result.final_rc == 0, report
    assert len(result.acks) == 100 and set(result.acks.values()) == {1}, report
    assert len(result.offers) == 100 and set(result.offers.values()) == {1}, report
    assert result.yes_sent == 100 and len(result.intros) == 100 and set(result.intros.values()) == {1}, report
    assert result.duplicates == [], report
    assert result.earned_429 == 0, report
    assert sum(result.faults.values()) > 0 and result.faults["lost_reply"] > 0, report
