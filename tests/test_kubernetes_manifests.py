"""deploy/kubernetes/ (issue 26), offline: rendered by kustomize (kubectl's, from the test lock),
validated against the Kubernetes schemas (kubernetes-validate --strict, which ships them), and
read back: every safety field an operator relies on is there, the sizes follow docs/benchmarks.md,
and the Ingress and the controller settings carry deploy/'s nginx limits."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.servers import ROOT

K8S = ROOT / "deploy" / "kubernetes"
OVERLAY = K8S / "overlays" / "example"
CONTROLLER = K8S / "ingress-nginx-controller.yaml"
BIN = Path(sys.executable).parent
CONFIG_NAMES = set(re.findall(r'"(HELP_[A-Z_]+)"', (ROOT / "config.py").read_text()
                              + (ROOT / "gunicorn.conf.py").read_text()))


def tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is missing: `make test` installs it from requirements/test.txt", pytrace=False)
    return str(path)


def render(folder: Path) -> str:
    result = subprocess.run([tool("kubectl"), "kustomize", str(folder)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("k8s")
    files = {}
    for name, folder in (("base", K8S / "base"), ("overlay", OVERLAY)):
        files[name] = out / f"{name}.yaml"
        files[name].write_text(render(folder))
    return files


def objects(path: Path) -> dict[str, dict]:
    return {doc["kind"]: doc for doc in yaml.safe_load_all(path.read_text()) if doc}


@pytest.fixture(scope="module")
def overlay(rendered) -> dict[str, dict]:
    return objects(rendered["overlay"])


def validate(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([tool("kubernetes-validate"), "--strict", "--quiet", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_the_manifests_validate_against_the_kubernetes_schemas(rendered):
    result = validate(rendered["base"], rendered["overlay"], CONTROLLER)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_what_kubernetes_would(rendered, tmp_path):
    """The check above can fail: a misspelt field is refused (--strict), so is a wrong type."""
    text = rendered["overlay"].read_text()
    for wrong in (text.replace("readOnlyRootFilesystem: true", "readOnlyRootFileSystem: true"),
                  text.replace("minReplicas: 2", "minReplicas: two")):
        assert wrong != text
        (tmp_path / "wrong.yaml").write_text(wrong)
        assert validate(tmp_path / "wrong.yaml").returncode != 0


def test_the_overlay_sets_namespace_image_and_host(overlay):
    assert {doc["metadata"].get("namespace") for kind, doc in overlay.items() if kind != "Namespace"} == \
        {overlay["Namespace"]["metadata"]["name"]}
    assert overlay["Namespace"]["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    (container,) = overlay["Deployment"]["spec"]["template"]["spec"]["containers"]
    assert container["image"].startswith("registry.example.org/help-guide:")
    assert "help.example.org" not in rendered_text(overlay), "the overlay's host replaces the base's everywhere"


def rendered_text(docs: dict[str, dict]) -> str:
    return yaml.safe_dump_all(docs.values())


def pod_of(overlay):
    return overlay["Deployment"]["spec"]["template"]


def selects_the_pods(selector: dict, overlay) -> bool:
    labels = pod_of(overlay)["metadata"]["labels"]
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def test_the_deployment_is_safe(overlay):
    deployment = overlay["Deployment"]
    assert deployment["spec"]["replicas"] >= 2
    assert deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    pod = pod_of(overlay)["spec"]
    assert pod["automountServiceAccountToken"] is False
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["seccompProfile"]["type"] == "RuntimeDefault"
    (container,) = pod["containers"]
    security = container["securityContext"]
    assert security["runAsNonRoot"] is True
    assert security["readOnlyRootFilesystem"] is True
    assert security["allowPrivilegeEscalation"] is False
    assert security["capabilities"]["drop"] == ["ALL"] and not security["capabilities"].get("add")
    assert security["seccompProfile"]["type"] == "RuntimeDefault"
    assert security.get("privileged") is not True
    # The image's numeric user (Containerfile USER), never root.
    user = re.search(r"^USER (\d+):(\d+)$", (ROOT / "Containerfile").read_text(), re.M).groups()
    assert (str(security["runAsUser"]), str(security["runAsGroup"])) == user and user[0] != "0"
    # The one writable place: a small tmpfs on /tmp.
    (tmp,) = [v for v in pod["volumes"] if v["name"] == "tmp"]
    assert tmp["emptyDir"]["medium"] == "Memory" and tmp["emptyDir"]["sizeLimit"]
    assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]
    # Spread over nodes.
    spread = {c["topologyKey"]: c for c in pod["topologySpreadConstraints"]}
    assert selects_the_pods(spread["kubernetes.io/hostname"]["labelSelector"]["matchLabels"], overlay)


def test_probes_ask_healthz_with_a_host_the_app_answers(overlay):
    (container,) = pod_of(overlay)["spec"]["containers"]
    env = {e["name"]: e["value"] for e in container["env"]}
    trusted = env["HELP_TRUSTED_HOSTS"].replace(",", " ").split()
    port = container["ports"][0]
    assert env["HELP_BIND"].endswith(f":{port['containerPort']}")
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        get = container[probe]["httpGet"]
        assert get["path"] == "/healthz" and get["port"] == port["name"], probe
        hosts = [h["value"] for h in get.get("httpHeaders", []) if h["name"].lower() == "host"]
        assert hosts and hosts[0] in trusted, f"{probe}: the app answers 400 to any other Host"


def test_settings_are_the_apps_own_names(overlay):
    (container,) = pod_of(overlay)["spec"]["containers"]
    names = {e["name"] for e in container["env"]}
    assert names <= CONFIG_NAMES, names - CONFIG_NAMES
    env = {e["name"]: e["value"] for e in container["env"]}
    assert env["HELP_PROXY_HOPS"] == "1"  # exactly one proxy: the ingress controller
    assert "HELP_ACCESS_LOG" not in env


def mebibytes(quantity: str) -> float:
    number, unit = re.fullmatch(r"(\d+)(Mi|Gi)", quantity).groups()
    return int(number) * (1024 if unit == "Gi" else 1)


def cores(quantity: str) -> float:
    return int(quantity[:-1]) / 1000 if quantity.endswith("m") else float(quantity)


def test_resources_are_sized_from_the_benchmarks(overlay):
    (container,) = pod_of(overlay)["spec"]["containers"]
    requests, limits = container["resources"]["requests"], container["resources"]["limits"]
    env = {e["name"]: e["value"] for e in container["env"]}
    workers = int(env["HELP_WORKERS"])
    # docs/benchmarks.md: the largest worker's RSS after a throughput run (MiB), the latest figure.
    rss = float(re.findall(r"worker RSS \(largest app worker\): ([\d.]+) MiB",
                           (ROOT / "docs" / "benchmarks.md").read_text())[-1])
    # The arbiter weighs about as much as a worker before it serves (it imports the app).
    needed = (workers + 1) * rss
    assert mebibytes(requests["memory"]) >= needed, (requests, needed)
    assert mebibytes(limits["memory"]) >= 1.5 * needed + 16  # headroom, and the /tmp tmpfs counts too
    assert 0 < cores(requests["cpu"]) <= cores(limits["cpu"])


def test_service_hpa_pdb(overlay):
    service = overlay["Service"]
    assert selects_the_pods(service["spec"]["selector"], overlay)
    assert service["spec"]["ports"][0]["targetPort"] == "http"
    hpa = overlay["HorizontalPodAutoscaler"]["spec"]
    assert hpa["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                     "name": overlay["Deployment"]["metadata"]["name"]}
    assert hpa["minReplicas"] >= 2 and hpa["maxReplicas"] > hpa["minReplicas"]
    (metric,) = hpa["metrics"]
    assert metric["resource"]["name"] == "cpu" and metric["resource"]["target"]["type"] == "Utilization"
    pdb = overlay["PodDisruptionBudget"]["spec"]
    assert selects_the_pods(pdb["selector"]["matchLabels"], overlay)
    assert pdb.get("minAvailable", 0) >= 1 or pdb.get("maxUnavailable") == 1


def test_network_policy_lets_in_only_the_ingress_controller_and_nothing_out(overlay):
    policy = overlay["NetworkPolicy"]["spec"]
    assert selects_the_pods(policy["podSelector"]["matchLabels"], overlay)
    assert sorted(policy["policyTypes"]) == ["Egress", "Ingress"]
    assert policy["egress"] == []  # the app calls nothing
    (rule,) = policy["ingress"]
    (peer,) = rule["from"]
    assert set(peer) == {"namespaceSelector", "podSelector"}  # both: that namespace's controller pods only
    assert peer["podSelector"]["matchLabels"] == {"app.kubernetes.io/name": "ingress-nginx"}
    assert [p["port"] for p in rule["ports"]] == ["http"]


def nginx_value(name: str, directive: str) -> str:
    return re.search(rf"^\s*{directive} (\S+);", (ROOT / "deploy" / name).read_text(), re.M).group(1)


def test_the_ingress_carries_the_nginx_examples_limits(overlay):
    ingress = overlay["Ingress"]
    notes = ingress["metadata"]["annotations"]
    prefix = "nginx.ingress.kubernetes.io/"
    assert notes[prefix + "proxy-body-size"] == nginx_value("nginx-locations.conf", "client_max_body_size")
    assert notes[prefix + "client-body-buffer-size"] == nginx_value("nginx-locations.conf", "client_body_buffer_size")
    assert notes[prefix + "proxy-max-temp-file-size"] == "0"  # nothing on disk
    assert notes[prefix + "proxy-request-buffering"] == "on" and notes[prefix + "proxy-buffering"] == "on"
    assert notes[prefix + "proxy-read-timeout"] + "s" == nginx_value("nginx-locations.conf", "proxy_read_timeout")
    assert notes[prefix + "enable-access-log"] == "false"
    assert not [k for k in notes if "snippet" in k], "snippets are off in ingress-nginx by default (and risky)"
    assert ingress["spec"]["rules"][0]["host"] in ingress["spec"]["tls"][0]["hosts"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == overlay["Service"]["metadata"]["name"]


def test_the_controller_settings_are_the_nginx_examples_timeouts():
    """The timeouts that kept nginx at 100 % under 2,000 slow connections (README, "Before going live")."""
    data = yaml.safe_load(CONTROLLER.read_text())["data"]
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    http_context = site[site.index("# http context"):site.index("# end http context")]

    def seconds(directive):
        return re.search(rf"^{directive} (\d+)s;", http_context, re.M).group(1)

    assert data["client-header-timeout"] == seconds("client_header_timeout")
    assert data["client-body-timeout"] == seconds("client_body_timeout")
    assert data["keep-alive"] == seconds("keepalive_timeout")
    assert f"send_timeout {seconds('send_timeout')}s;" in data["http-snippet"]
    assert "reset_timedout_connection on;" in data["http-snippet"]
    assert data["max-worker-connections"] == nginx_value("nginx-main.conf", "worker_connections")
    assert data["use-forwarded-headers"] == "false"  # the client's X-Forwarded-* never reach the app
    assert "$remote_addr" not in data["log-format-upstream"] and "$request_uri" not in data["log-format-upstream"]
