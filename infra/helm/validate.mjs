// Offline validation of manifests rendered from helm/converge (run by infra/helm/check.sh; needs the npm packages of
// package.json in NODE_PATH-less form: run it from a directory whose node_modules has them, see check.sh).
//
//   node validate.mjs <modules dir> manifests <file.yaml>...   every object of every file
//   node validate.mjs <modules dir> consistency <repo root>    chart <-> poms <-> application.properties
//
// Per object:
//   1. schema: Kubernetes API objects against the kubernetes-models schemas (OpenAPI of Kubernetes: types, required
//      fields, enums, formats); HTTPRoute against @kubernetes-models/gateway-api; Strimzi objects against the schema
//      below (the fields this chart renders, from Strimzi's v1beta2 API reference). An unknown apiVersion/kind fails.
//   2. strict fields: every field of a Kubernetes API object must exist in the API (the model classes of
//      @kubernetes/client-node, Kubernetes 1.34) - what `kubectl --validate=strict` would reject; CRDs: Strimzi's
//      schema above is closed, HTTPRoute has no such check.
//   3. the chart's own rules: hardened pods, probes, resources, no secret values, references that resolve.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [modulesDir, mode, ...args] = process.argv.slice(2);
const mod = (p) => import(pathToFileURL(path.join(modulesDir, "node_modules", p)).href);
const YAML = await mod("yaml/dist/index.js");

// ------------------------------------------------------------------------------------------------------------------
// Strimzi v1beta2: the subset this chart renders, closed (additionalProperties false) so a misspelt field fails.
const dnsName = { type: "string", pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", maxLength: 253 };
const strimziMetadata = {
  type: "object",
  required: ["name", "labels"],
  properties: {
    name: dnsName,
    namespace: { type: "string" },
    labels: { type: "object", required: ["strimzi.io/cluster"], additionalProperties: { type: "string" } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
  },
  additionalProperties: false,
};
const resources = {
  type: "object",
  additionalProperties: false,
  properties: {
    requests: { type: "object", additionalProperties: { type: ["string", "number"] } },
    limits: { type: "object", additionalProperties: { type: ["string", "number"] } },
  },
};
const STRIMZI = {
  KafkaTopic: {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    additionalProperties: false,
    properties: {
      apiVersion: { const: "kafka.strimzi.io/v1beta2" },
      kind: { const: "KafkaTopic" },
      metadata: strimziMetadata,
      spec: {
        type: "object",
        additionalProperties: false,
        properties: {
          topicName: { type: "string", pattern: "^[a-zA-Z0-9._-]{1,249}$" },
          partitions: { type: "integer", minimum: 1 },
          replicas: { type: "integer", minimum: 1, maximum: 32767 },
          config: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } },
        },
      },
    },
  },
  KafkaNodePool: {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    additionalProperties: false,
    properties: {
      apiVersion: { const: "kafka.strimzi.io/v1beta2" },
      kind: { const: "KafkaNodePool" },
      metadata: strimziMetadata,
      spec: {
        type: "object",
        required: ["replicas", "roles", "storage"],
        additionalProperties: false,
        properties: {
          replicas: { type: "integer", minimum: 0 },
          roles: { type: "array", minItems: 1, uniqueItems: true, items: { enum: ["controller", "broker"] } },
          storage: {
            type: "object",
            required: ["type"],
            additionalProperties: false,
            properties: {
              type: { enum: ["jbod", "persistent-claim", "ephemeral"] },
              volumes: {
                type: "array",
                items: {
                  type: "object",
                  required: ["id", "type"],
                  additionalProperties: false,
                  properties: {
                    id: { type: "integer", minimum: 0 },
                    type: { enum: ["persistent-claim", "ephemeral"] },
                    size: { type: "string", pattern: "^[0-9]+([.][0-9]+)?([KMGTPE]i?)?$" },
                    class: { type: "string" },
                    deleteClaim: { type: "boolean" },
                    kraftMetadata: { enum: ["shared"] },
                  },
                },
              },
            },
          },
          resources,
        },
      },
    },
  },
  Kafka: {
    type: "object",
    required: ["apiVersion", "kind", "metadata", "spec"],
    additionalProperties: false,
    properties: {
      apiVersion: { const: "kafka.strimzi.io/v1beta2" },
      kind: { const: "Kafka" },
      metadata: {
        ...strimziMetadata,
        required: ["name", "annotations"],
        properties: {
          ...strimziMetadata.properties,
          labels: { type: "object", additionalProperties: { type: "string" } },
          annotations: {
            type: "object",
            required: ["strimzi.io/node-pools", "strimzi.io/kraft"],
            additionalProperties: { type: "string" },
          },
        },
      },
      spec: {
        type: "object",
        required: ["kafka"],
        additionalProperties: false,
        properties: {
          kafka: {
            type: "object",
            required: ["listeners"],
            additionalProperties: false,
            properties: {
              version: { type: "string", pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+$" },
              metadataVersion: { type: "string" },
              listeners: {
                type: "array",
                minItems: 1,
                items: {
                  type: "object",
                  required: ["name", "port", "type", "tls"],
                  additionalProperties: false,
                  properties: {
                    name: { type: "string", pattern: "^[a-z0-9]{1,11}$" },
                    port: { type: "integer", minimum: 9092, not: { enum: [9404, 9999] } },
                    type: { enum: ["internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip"] },
                    tls: { type: "boolean" },
                  },
                },
              },
              config: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } },
            },
          },
          entityOperator: {
            type: "object",
            additionalProperties: false,
            properties: { topicOperator: { type: "object" }, userOperator: { type: "object" } },
          },
        },
      },
    },
  },
};

// ------------------------------------------------------------------------------------------------------------------
const errors = [];
let checks = 0;
const fail = (where, msg) => errors.push(`${where}: ${msg}`);

let ajv;
async function strimziValidate(obj, where) {
  if (!ajv) {
    const Ajv = (await mod("ajv/dist/ajv.js")).default;
    ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  }
  const schema = STRIMZI[obj.kind];
  if (!schema) return fail(where, `no schema for Strimzi kind ${obj.kind}`);
  const v = ajv.getSchema(obj.kind) || (ajv.addSchema(schema, obj.kind), ajv.getSchema(obj.kind));
  if (!v(obj)) for (const e of v.errors) fail(where, `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

async function modelValidate(obj, where) {
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  let file;
  if (group === "gateway.networking.k8s.io") {
    file = `@kubernetes-models/gateway-api/${group}/${version}/${obj.kind}.js`;
  } else if (group === "" || group === "apps" || group === "policy" || group === "autoscaling" || group.endsWith(".k8s.io")) {
    file = `kubernetes-models/${obj.apiVersion}/${obj.kind}.js`;
  } else {
    return fail(where, `no schema for ${obj.apiVersion} ${obj.kind}`);
  }
  if (!fs.existsSync(path.join(modulesDir, "node_modules", file))) return fail(where, `no schema for ${obj.apiVersion} ${obj.kind}`);
  const Model = (await mod(file))[obj.kind];
  try {
    new Model(obj).validate();
  } catch (e) {
    fail(where, `schema: ${e.message}`);
  }
}

// Unknown fields, from the attribute maps of @kubernetes/client-node's generated models.
const modelCache = new Map();
async function modelClass(name) {
  if (!modelCache.has(name)) {
    const file = path.join(modulesDir, "node_modules/@kubernetes/client-node/dist/gen/models", `${name}.js`);
    modelCache.set(name, fs.existsSync(file) ? (await import(pathToFileURL(file).href))[name] : null);
  }
  return modelCache.get(name);
}
async function strictFields(value, type, where, at) {
  if (value === null || value === undefined) return;
  let m;
  if ((m = /^Array<(.+)>$/.exec(type))) {
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) await strictFields(value[i], m[1], where, `${at}[${i}]`);
    return;
  }
  if ((m = /^\{ \[key: string\]: (.+); \}$/.exec(type))) {
    if (typeof value === "object") for (const [k, v] of Object.entries(value)) await strictFields(v, m[1], where, `${at}.${k}`);
    return;
  }
  if (["string", "number", "boolean", "Date", "any", "object", "IntOrString"].includes(type)) return;
  const cls = await modelClass(type);
  if (!cls) return fail(where, `strict: no model ${type} for ${at}`);
  if (typeof value !== "object" || Array.isArray(value)) return; // type errors are the schema check's
  const attrs = new Map(cls.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
  for (const [k, v] of Object.entries(value)) {
    if (!attrs.has(k)) fail(where, `strict: unknown field ${at}.${k} (${type} has ${[...attrs.keys()].join(", ")})`);
    else await strictFields(v, attrs.get(k), where, `${at}.${k}`);
  }
}
function modelName(apiVersion, kind) {
  const version = apiVersion.split("/").pop();
  return version.charAt(0).toUpperCase() + version.slice(1) + kind;
}

// ------------------------------------------------------------------------------------------------------------------
// The chart's own rules
const SECRETISH = /(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY)/i;
const matches = (selector, labels) => Object.entries(selector || {}).every(([k, v]) => (labels || {})[k] === v);

function podChecks(where, spec, isDeployment) {
  if (spec.automountServiceAccountToken !== false) fail(where, "automountServiceAccountToken must be false");
  const psc = spec.securityContext || {};
  const volumes = new Map((spec.volumes || []).map((v) => [v.name, v]));
  for (const c of spec.containers || []) {
    const w = `${where} container ${c.name}`;
    const sc = c.securityContext || {};
    if ((sc.runAsNonRoot ?? psc.runAsNonRoot) !== true) fail(w, "runAsNonRoot must be true");
    if (sc.allowPrivilegeEscalation !== false) fail(w, "allowPrivilegeEscalation must be false");
    if (sc.readOnlyRootFilesystem !== true) fail(w, "readOnlyRootFilesystem must be true");
    if (!(sc.capabilities?.drop || []).includes("ALL")) fail(w, "capabilities.drop must contain ALL");
    if ((sc.seccompProfile?.type ?? psc.seccompProfile?.type) !== "RuntimeDefault") fail(w, "seccompProfile must be RuntimeDefault");
    if (sc.privileged === true) fail(w, "privileged");
    const r = c.resources || {};
    if (!r.requests?.cpu || !r.requests?.memory || !r.limits?.memory) fail(w, "resources need requests.cpu, requests.memory and limits.memory");
    if (!/[:@]/.test(c.image.split("/").pop()) || /:latest$/.test(c.image)) fail(w, `image ${c.image} needs a fixed tag`);
    const tmp = (c.volumeMounts || []).find((m) => m.mountPath === "/tmp");
    if (!tmp || !volumes.get(tmp.name)?.emptyDir) fail(w, "needs an emptyDir at /tmp (read-only root file system)");
    if (isDeployment) {
      for (const p of ["startupProbe", "livenessProbe", "readinessProbe"]) if (!c[p]) fail(w, `${p} missing`);
    }
    for (const e of c.env || []) {
      if (SECRETISH.test(e.name) && e.value !== undefined) fail(w, `env ${e.name} has a plain value; use valueFrom.secretKeyRef`);
    }
    for (const m of c.volumeMounts || []) if (!volumes.has(m.name)) fail(w, `volumeMount ${m.name} has no volume`);
  }
}

function crossChecks(where, objs) {
  const byKind = (k) => objs.filter((o) => o.kind === k);
  const name = (o) => `${o.kind}/${o.metadata.name}`;
  const pods = [
    ...byKind("Deployment").map((d) => ({ owner: d, labels: d.spec.template.metadata?.labels, spec: d.spec.template.spec })),
    ...byKind("Pod").map((p) => ({ owner: p, labels: p.metadata.labels, spec: p.spec })),
  ];
  const has = (kind, n) => objs.some((o) => o.kind === kind && o.metadata.name === n);
  const portsOf = (pod) => (pod.spec.containers || []).flatMap((c) => c.ports || []);
  const secrets = new Set();
  for (const d of byKind("Deployment")) {
    checks++;
    if (!matches(d.spec.selector.matchLabels, d.spec.template.metadata?.labels)) fail(where, `${name(d)}: selector does not match its pod labels`);
  }
  for (const p of pods) {
    const w = `${where} ${name(p.owner)}`;
    podChecks(w, p.spec, p.owner.kind === "Deployment");
    const sa = p.spec.serviceAccountName;
    if (sa && sa !== "default" && !has("ServiceAccount", sa)) fail(w, `serviceAccount ${sa} not rendered`);
    for (const v of p.spec.volumes || []) {
      if (v.configMap && !has("ConfigMap", v.configMap.name)) fail(w, `ConfigMap ${v.configMap.name} not rendered`);
      if (v.persistentVolumeClaim && !has("PersistentVolumeClaim", v.persistentVolumeClaim.claimName)) fail(w, `PVC ${v.persistentVolumeClaim.claimName} not rendered`);
    }
    for (const c of p.spec.containers || []) {
      for (const ef of c.envFrom || []) if (ef.configMapRef && !has("ConfigMap", ef.configMapRef.name)) fail(w, `envFrom ConfigMap ${ef.configMapRef.name} not rendered`);
      for (const e of c.env || []) if (e.valueFrom?.secretKeyRef) secrets.add(`${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`);
      for (const pr of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const port = c[pr]?.httpGet?.port;
        if (typeof port === "string" && !(c.ports || []).some((x) => x.name === port)) fail(w, `${pr} port ${port} is not a container port`);
      }
    }
  }
  for (const cm of byKind("ConfigMap")) {
    for (const k of Object.keys(cm.data || {})) if (SECRETISH.test(k)) fail(where, `${name(cm)}: key ${k} looks like a secret; secrets come from existingSecret`);
  }
  if (byKind("Secret").length) fail(where, "the chart must not render Secrets (existingSecret only)");
  for (const s of byKind("Service")) {
    const target = pods.filter((p) => matches(s.spec.selector, p.labels));
    if (!target.length) fail(where, `${name(s)}: selector matches no pod`);
    for (const port of s.spec.ports || []) {
      if (typeof port.targetPort === "string" && !target.every((p) => portsOf(p).some((x) => x.name === port.targetPort && (x.protocol || "TCP") === (port.protocol || "TCP"))))
        fail(where, `${name(s)}: targetPort ${port.targetPort}/${port.protocol} not a port of its pods`);
    }
  }
  for (const pdb of byKind("PodDisruptionBudget")) {
    if (!pods.some((p) => matches(pdb.spec.selector.matchLabels, p.labels))) fail(where, `${name(pdb)}: selector matches no pod`);
  }
  for (const h of byKind("HorizontalPodAutoscaler")) {
    const d = byKind("Deployment").find((x) => x.metadata.name === h.spec.scaleTargetRef.name);
    if (!d) fail(where, `${name(h)}: no Deployment ${h.spec.scaleTargetRef.name}`);
    else if (d.spec.replicas !== undefined) fail(where, `${name(h)}: ${name(d)} sets replicas although the HPA owns them`);
  }
  // a peer selecting pods of this release (others, e.g. Strimzi's brokers, are not rendered here)
  const ownPeer = (peer) => peer.podSelector && !peer.namespaceSelector && peer.podSelector.matchLabels?.["app.kubernetes.io/instance"];
  for (const np of byKind("NetworkPolicy")) {
    const selected = pods.filter((p) => matches(np.spec.podSelector.matchLabels, p.labels));
    if (!selected.length && !np.metadata.annotations?.["helm.sh/hook"]) fail(where, `${name(np)}: podSelector matches no pod`);
    for (const rule of np.spec.ingress || []) {
      for (const peer of rule.from || []) {
        if (ownPeer(peer) && !pods.some((p) => matches(peer.podSelector.matchLabels, p.labels)) && !/test$/.test(peer.podSelector.matchLabels?.["app.kubernetes.io/component"] || ""))
          fail(where, `${name(np)}: ingress peer ${JSON.stringify(peer.podSelector.matchLabels)} matches no pod`);
      }
      for (const port of rule.ports || []) {
        if (typeof port.port === "string" && !selected.every((p) => portsOf(p).some((x) => x.name === port.port))) fail(where, `${name(np)}: named port ${port.port} not on every selected pod`);
      }
    }
    for (const rule of np.spec.egress || []) {
      for (const peer of rule.to || []) {
        if (ownPeer(peer)) {
          const dst = pods.filter((p) => matches(peer.podSelector.matchLabels, p.labels));
          if (!dst.length) fail(where, `${name(np)}: egress peer ${JSON.stringify(peer.podSelector.matchLabels)} matches no pod`);
          for (const port of rule.ports || []) {
            if (!dst.every((p) => portsOf(p).some((x) => x.containerPort === port.port || x.name === port.port))) fail(where, `${name(np)}: egress port ${port.port} not open on ${JSON.stringify(peer.podSelector.matchLabels)}`);
          }
        }
      }
    }
  }
  const serviceBackend = (svc, port, w) => {
    const s = byKind("Service").find((x) => x.metadata.name === svc);
    if (!s) return fail(w, `backend Service ${svc} not rendered`);
    if (!s.spec.ports.some((p) => p.name === port || p.port === port)) fail(w, `backend ${svc} has no port ${port}`);
  };
  for (const ing of byKind("Ingress")) {
    const w = `${where} ${name(ing)}`;
    if (ing.spec.defaultBackend) serviceBackend(ing.spec.defaultBackend.service.name, ing.spec.defaultBackend.service.port.name ?? ing.spec.defaultBackend.service.port.number, w);
    for (const r of ing.spec.rules || []) for (const p of r.http?.paths || []) serviceBackend(p.backend.service.name, p.backend.service.port.name ?? p.backend.service.port.number, w);
  }
  for (const rt of byKind("HTTPRoute")) {
    for (const r of rt.spec.rules || []) for (const b of r.backendRefs || []) serviceBackend(b.name, b.port, `${where} ${name(rt)}`);
  }
  return secrets;
}

// ------------------------------------------------------------------------------------------------------------------
async function manifests(files) {
  for (const file of files) {
    const where = path.basename(file);
    const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
    const objs = [];
    for (const d of docs) {
      if (d.errors.length) { fail(where, `YAML: ${d.errors[0].message}`); continue; }
      const o = d.toJS();
      if (o) objs.push(o);
    }
    const failedBefore = errors.length;
    for (const o of objs) {
      checks++;
      const w = `${where} ${o.kind}/${o.metadata?.name}`;
      if (!o.apiVersion || !o.kind || !o.metadata?.name) { fail(w, "needs apiVersion, kind and metadata.name"); continue; }
      if (o.apiVersion.startsWith("kafka.strimzi.io/")) { await strimziValidate(o, w); continue; }
      await modelValidate(o, w);
      if (!o.apiVersion.startsWith("gateway.networking.k8s.io/")) {
        const cls = modelName(o.apiVersion, o.kind);
        if (!(await modelClass(cls))) fail(w, `strict: no model ${cls}`);
        else await strictFields(o, cls, w, o.kind);
      }
    }
    const secrets = crossChecks(where, objs);
    const kinds = {};
    for (const o of objs) kinds[o.kind] = (kinds[o.kind] || 0) + 1;
    const summary = Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ");
    if (errors.length === failedBefore) console.log(`  ok   ${where}: ${objs.length} objects (${summary}); Secrets read: ${[...secrets].sort().join(" ") || "none"}`);
    else console.log(`  FAIL ${where}: ${errors.length - failedBefore} problems`);
  }
}

// Chart <-> parent pom <-> each service's application.properties (image naming, ports)
async function consistency(root) {
  const chart = YAML.parse(fs.readFileSync(path.join(root, "helm/converge/Chart.yaml"), "utf8"));
  const values = YAML.parse(fs.readFileSync(path.join(root, "helm/converge/values.yaml"), "utf8"));
  const pom = fs.readFileSync(path.join(root, "pom.xml"), "utf8");
  const pomVersion = /<artifactId>converge-parent<\/artifactId>\s*<version>([^<]+)<\/version>/.exec(pom)?.[1];
  checks++;
  if (chart.appVersion !== pomVersion) fail("Chart.yaml", `appVersion ${chart.appVersion} is not the parent pom version ${pomVersion}`);
  for (const [key, svc] of Object.entries(values.services)) {
    if (svc.kind !== "quarkus") continue;
    checks++;
    const name = svc.image.name;
    const file = path.join(root, name, "src/main/resources/application.properties");
    if (!fs.existsSync(file)) { fail(`services.${key}`, `no ${name}/src/main/resources/application.properties`); continue; }
    const props = Object.fromEntries(fs.readFileSync(file, "utf8").split("\n").filter((l) => /^[a-z][^=]*=/.test(l)).map((l) => [l.slice(0, l.indexOf("=")).trim(), l.slice(l.indexOf("=") + 1).trim()]));
    const want = {
      "quarkus.container-image.registry": values.global.image.registry,
      "quarkus.container-image.group": values.global.image.group,
      "quarkus.container-image.name": name,
      "quarkus.http.port": String(svc.port),
    };
    for (const [k, v] of Object.entries(want)) if (props[k] !== v) fail(`${name}/application.properties`, `${k}=${props[k]} but the chart expects ${v}`);
    for (const docker of ["Dockerfile.jvm", "Dockerfile.native"]) {
      const df = path.join(root, name, "src/main/docker", docker);
      if (!fs.existsSync(df)) { fail(name, `no src/main/docker/${docker}`); continue; }
      const text = fs.readFileSync(df, "utf8");
      if (!/^USER 1001$/m.test(text)) fail(`${name}/${docker}`, "must run as USER 1001 (the chart's runAsUser)");
      if (!new RegExp(`^EXPOSE ${svc.port}$`, "m").test(text)) fail(`${name}/${docker}`, `must EXPOSE ${svc.port}`);
      if (docker === "Dockerfile.native" && !/^FROM quay\.io\/quarkus\/ubi9-quarkus-micro-image:/m.test(text)) fail(`${name}/${docker}`, "must build on the UBI 9 quarkus-micro image");
    }
  }
  console.log(errors.length ? "  FAIL consistency" : `  ok   consistency: appVersion ${chart.appVersion} = pom version; image names and ports of ${Object.values(values.services).filter((s) => s.kind === "quarkus").length} services = their application.properties and Dockerfiles`);
}

// Prints one key of a rendered ConfigMap (the gateway's nginx.conf, for `nginx -t`)
function extract(file, configMap, key) {
  for (const d of YAML.parseAllDocuments(fs.readFileSync(file, "utf8"))) {
    const o = d.toJS();
    if (o?.kind === "ConfigMap" && o.metadata.name === configMap && o.data?.[key] !== undefined) return process.stdout.write(o.data[key]);
  }
  fail(file, `no ConfigMap ${configMap} with key ${key}`);
}

if (mode === "manifests") await manifests(args);
else if (mode === "extract") extract(...args);
else if (mode === "consistency") await consistency(args[0]);
else { console.error("usage: validate.mjs <modules dir> manifests <files...> | consistency <root> | extract <file> <configmap> <key>"); process.exit(2); }

for (const e of errors) console.error(`    ${e}`);
process.exit(errors.length ? 1 : 0);
