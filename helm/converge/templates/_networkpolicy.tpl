{{/*
The flows one component needs (IEC 62443: the release is a zone, these are its conduits). The default-deny policy
(networkpolicy-default-deny.yaml) closes everything else for every pod of the release.
*/}}
{{- define "converge.networkpolicy" -}}
{{- $root := .root -}}
{{- $np := $root.Values.networkPolicy -}}
{{- $c := .c -}}
{{- $self := .name -}}
{{- if $np.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "converge.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "converge.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "converge.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
{{- if eq $c.kind "gateway" }}
    # clients, through the ingress controller / Gateway implementation
    - {{- with $np.gateway.from }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        - protocol: TCP
          port: http
    {{- if and $np.gateway.from $root.Values.tests.enabled }}
    # helm test
    - from:
        - podSelector:
            matchLabels:
              {{- include "converge.selectorLabels" (dict "root" $root "name" "test") | nindent 14 }}
      ports:
        - protocol: TCP
          port: http
    {{- end }}
{{- else }}
    {{- $callers := list }}
    {{- range $name, $svc := $root.Values.services }}
    {{- if and $svc.enabled (or (eq (toString $svc.kind) "gateway") (has $self (get $svc "calls" | default (list)))) }}
    {{- $callers = append $callers $name }}
    {{- end }}
    {{- end }}
    {{- if $root.Values.tests.enabled }}
    {{- $callers = append $callers "test" }}
    {{- end }}
    {{- if $callers }}
    # the gateway, the services calling this one over REST{{ if $root.Values.tests.enabled }}, helm test{{ end }}
    - from:
        {{- range $callers }}
        - podSelector:
            matchLabels:
              {{- include "converge.selectorLabels" (dict "root" $root "name" .) | nindent 14 }}
        {{- end }}
      ports:
        - protocol: TCP
          port: http
    {{- end }}
    {{- with $np.metrics.from }}
    # metrics scrapers (/q/metrics)
    - from:
        {{- toYaml . | nindent 8 }}
      ports:
        - protocol: TCP
          port: http
    {{- end }}
    {{- with get $c "syslog" }}
    {{- if .enabled }}
    # syslog senders
    - {{- with $np.syslog.from }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        - protocol: TCP
          port: syslog-tcp
        - protocol: UDP
          port: syslog-udp
    {{- end }}
    {{- end }}
{{- end }}
  egress:
    # cluster DNS
    - to:
        {{- toYaml $np.dns.to | nindent 8 }}
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
{{- if eq $c.kind "gateway" }}
    {{- $upstreams := list }}
    {{- range $name, $svc := $root.Values.services }}
    {{- if and $svc.enabled (eq (toString $svc.kind) "quarkus") }}
    {{- $upstreams = append $upstreams $name }}
    {{- end }}
    {{- end }}
    {{- range $upstreams }}
    # upstream {{ . }}
    - to:
        - podSelector:
            matchLabels:
              {{- include "converge.selectorLabels" (dict "root" $root "name" .) | nindent 14 }}
      ports:
        - protocol: TCP
          port: {{ (get $root.Values.services .).port }}
    {{- end }}
    {{- with $c.authUpstream }}
    # Keycloak (/auth/)
    {{- include "converge.egressRule" (dict "to" $np.egress.oidc "ports" (list (include "converge.urlPort" .))) | nindent 4 }}
    {{- end }}
{{- else }}
    {{- $pg := include "converge.postgresql" . | fromYaml }}
    # PostgreSQL
    {{- include "converge.egressRule" (dict "to" $np.egress.postgresql "ports" (list $pg.port)) | nindent 4 }}
    # Kafka
    {{- include "converge.egressRule" (dict "to" $np.egress.kafka "ports" (include "converge.hostPorts" (include "converge.kafkaBootstrap" $root) | splitList "\n")) | nindent 4 }}
    # Keycloak (JWKS, client-credentials tokens)
    {{- include "converge.egressRule" (dict "to" $np.egress.oidc "ports" (list (include "converge.urlPort" $root.Values.oidc.issuerUrl))) | nindent 4 }}
    {{- with $root.Values.tracing.otlpEndpoint }}
    # OpenTelemetry Collector (OTLP)
    {{- include "converge.egressRule" (dict "to" $np.egress.otlp "ports" (list (include "converge.urlPort" .))) | nindent 4 }}
    {{- end }}
    {{- if get $c "mqtt" }}
    # MQTT broker
    {{- include "converge.egressRule" (dict "to" $np.egress.mqtt "ports" (list $root.Values.mqtt.port)) | nindent 4 }}
    {{- end }}
    {{- range $c.calls }}
    {{- $peer := get $root.Values.services . }}
    {{- if and $peer $peer.enabled }}
    # REST calls to {{ . }}
    - to:
        - podSelector:
            matchLabels:
              {{- include "converge.selectorLabels" (dict "root" $root "name" .) | nindent 14 }}
      ports:
        - protocol: TCP
          port: {{ $peer.port }}
    {{- end }}
    {{- end }}
    {{- with $np.extraEgressPorts }}
    # extra ports (networkPolicy.extraEgressPorts)
    {{- include "converge.egressRule" (dict "to" (list) "ports" .) | nindent 4 }}
    {{- end }}
{{- end }}
{{- end }}
{{- end -}}
