{{/*
Names, labels and the per-component settings. Every template works on a component context
(dict "root" $ "name" <key of services> "c" <merged settings>), built by converge.context.
*/}}

{{- define "converge.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-converge, or the release name when it already contains the chart name. */}}
{{- define "converge.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "converge.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every object of the release (root context). */}}
{{- define "converge.commonLabels" -}}
helm.sh/chart: {{ include "converge.chart" . }}
app.kubernetes.io/name: {{ include "converge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: converge
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector of every pod of the release (root context): the default-deny policy. */}}
{{- define "converge.releaseSelector" -}}
app.kubernetes.io/name: {{ include "converge.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Full name of a component: (dict "root" $ "name" "asset") -> <fullname>-asset */}}
{{- define "converge.componentName" -}}
{{- printf "%s-%s" (include "converge.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels of a component. */}}
{{- define "converge.selectorLabels" -}}
{{ include "converge.releaseSelector" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Labels of a component's objects. */}}
{{- define "converge.labels" -}}
{{ include "converge.commonLabels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/*
Deep merge that lets an override set false, 0 or "" (sprig's merge/mergeOverwrite treat those as empty and keep the
base value): (dict "base" map "over" map) -> YAML of the merged map. Maps merge key by key, everything else replaces.
*/}}
{{- define "converge.merge" -}}
{{- $out := deepCopy .base -}}
{{- range $k, $v := .over -}}
{{- if and (kindIs "map" $v) (hasKey $out $k) (kindIs "map" (get $out $k)) -}}
{{- $_ := set $out $k (include "converge.merge" (dict "base" (get $out $k) "over" $v) | fromYaml) -}}
{{- else -}}
{{- $_ := set $out $k $v -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* The component context: (dict "root" $ "name" "asset") -> the same dict with "c" = default merged with the service. */}}
{{- define "converge.context" -}}
{{- $svc := get .root.Values.services .name -}}
{{- $c := include "converge.merge" (dict "base" .root.Values.default "over" $svc) | fromYaml -}}
{{- toYaml (dict "name" .name "c" $c) -}}
{{- end -}}

{{/* Image reference of a component. */}}
{{- define "converge.image" -}}
{{- $g := .root.Values.global.image -}}
{{- $i := .c.image -}}
{{- $registry := default $g.registry $i.registry -}}
{{- $repository := default (printf "%s/%s" $g.group (default .name $i.name)) $i.repository -}}
{{- $tag := "" -}}
{{- if $i.tag -}}
{{- $tag = toString $i.tag -}}
{{- else -}}
{{- $tag = toString (default .root.Chart.AppVersion $g.tag) -}}
{{- if and (eq .c.kind "quarkus") (eq $g.flavor "native") -}}
{{- $tag = printf "%s-native" $tag -}}
{{- end -}}
{{- end -}}
{{- if $i.digest -}}
{{- printf "%s/%s:%s@%s" $registry $repository $tag $i.digest -}}
{{- else -}}
{{- printf "%s/%s:%s" $registry $repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "converge.pullPolicy" -}}
{{- default .root.Values.global.image.pullPolicy .c.image.pullPolicy -}}
{{- end -}}

{{- define "converge.serviceAccountName" -}}
{{- if .c.serviceAccount.create -}}
{{- default (include "converge.componentName" .) .c.serviceAccount.name -}}
{{- else -}}
{{- default "default" .c.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* In-cluster base URL of a component's Service: (dict "root" $ "name" "asset") */}}
{{- define "converge.serviceUrl" -}}
{{- $svc := get .root.Values.services .name -}}
{{- printf "http://%s.%s.svc.%s:%v" (include "converge.componentName" .) .root.Release.Namespace .root.Values.global.clusterDomain $svc.port -}}
{{- end -}}

{{/* PostgreSQL settings of a component: the global block overlaid with the service's own `postgresql` block. */}}
{{- define "converge.postgresql" -}}
{{- $own := get .c "postgresql" | default dict -}}
{{- include "converge.merge" (dict "base" .root.Values.postgresql "over" $own) -}}
{{- end -}}

{{/* Kafka bootstrap servers in effect. */}}
{{- define "converge.kafkaBootstrap" -}}
{{- $s := .Values.kafka.strimzi -}}
{{- if $s.cluster.create -}}
{{- printf "%s-kafka-bootstrap:9092" $s.clusterName -}}
{{- else -}}
{{- .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{/* Port of a URL: explicit, else 443 for https, else 80. */}}
{{- define "converge.urlPort" -}}
{{- $u := urlParse . -}}
{{- $hostPort := splitList ":" $u.host -}}
{{- if gt (len $hostPort) 1 -}}
{{- last $hostPort -}}
{{- else if eq $u.scheme "https" -}}
443
{{- else -}}
80
{{- end -}}
{{- end -}}

{{/* Distinct ports of a host:port,host:port list, one per line. */}}
{{- define "converge.hostPorts" -}}
{{- $ports := list -}}
{{- range splitList "," . -}}
{{- $p := splitList ":" (trim .) | last -}}
{{- $ports = append $ports $p -}}
{{- end -}}
{{- join "\n" (uniq $ports) -}}
{{- end -}}

{{/* NetworkPolicy egress rule: (dict "to" peers "ports" list "protocol" "TCP") */}}
{{- define "converge.egressRule" -}}
- {{- if .to }}
  to:
    {{- toYaml .to | nindent 4 }}
  {{- end }}
  ports:
    {{- range .ports }}
    - protocol: TCP
      port: {{ int . }}
    {{- end }}
{{- end -}}

{{/* A value as text; whole numbers without an exponent (Helm reads every number of values.yaml as float64, and
1000000 would print as 1e+06). */}}
{{- define "converge.scalar" -}}
{{- if and (kindIs "float64" .) (eq (float64 (int64 .)) .) -}}
{{- int64 . -}}
{{- else -}}
{{- . -}}
{{- end -}}
{{- end -}}
