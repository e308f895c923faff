# shipguard-test: no-findings
# A test module: pytest's own timeout (or the CI job's) bounds these calls.
import pytest
import requests


@pytest.mark.integration
def test_health_endpoint(live_server):
    response = requests.get(f"{live_server.url}/health")
    assert response.status_code == 200
