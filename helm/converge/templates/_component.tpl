{{/*
The objects of one component, each a named template taking the component context (dict "root" $ "name" <key> "c"
<settings>) and starting with its own document separator. Included by the loop in components.yaml.
*/}}

{{/* ---------------------------------------------------------------------------------------------------------- */}}
{{- define "converge.serviceaccount" -}}
{{- if .c.serviceAccount.create }}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "converge.serviceAccountName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "converge.labels" . | nindent 4 }}
  {{- with .c.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
# no component calls the Kubernetes API: no token in the pods
automountServiceAccountToken: false
{{- end }}
{{- end -}}

{{/* ---------------------------------------------------------------------------------------------------------- */}}
{{/* Plain settings of a Converge service as environment variables (the ConfigMap's data). Secrets are never here. */}}
{{- define "converge.quarkusSettings" -}}
{{- $root := .root -}}
{{- $pg := include "converge.postgresql" . | fromYaml -}}
CONVERGE_DB_HOST: {{ $pg.host | quote }}
CONVERGE_DB_PORT: {{ $pg.port | quote }}
CONVERGE_DB_NAME: {{ .c.database | quote }}
KAFKA_BOOTSTRAP_SERVERS: {{ include "converge.kafkaBootstrap" $root | quote }}
CONVERGE_OIDC_URL: {{ $root.Values.oidc.issuerUrl | quote }}
CONVERGE_JSON_LOGS: {{ $root.Values.global.jsonLogs | quote }}
CONVERGE_TRACE_SAMPLE_RATIO: {{ $root.Values.tracing.sampleRatio | quote }}
{{- if $root.Values.tracing.otlpEndpoint }}
QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT: {{ $root.Values.tracing.otlpEndpoint | quote }}
QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL: {{ $root.Values.tracing.protocol | quote }}
{{- else }}
QUARKUS_OTEL_SDK_DISABLED: "true"
{{- end }}
{{- range .c.calls }}
{{- $peer := get $root.Values.services . }}
{{- if and $peer $peer.enabled }}
CONVERGE_{{ upper . }}_URL: {{ include "converge.serviceUrl" (dict "root" $root "name" .) | quote }}
{{- end }}
{{- end }}
{{- if get .c "mqtt" }}
CONVERGE_MQTT_HOST: {{ $root.Values.mqtt.host | quote }}
CONVERGE_MQTT_PORT: {{ $root.Values.mqtt.port | quote }}
{{- end }}
{{- with get .c "persistence" }}
{{- if .enabled }}
CONVERGE_FIRMWARE_STORAGE_DIR: {{ .mountPath | quote }}
{{- end }}
{{- end }}
{{- with get .c "syslog" }}
CONVERGE_SYSLOG_ENABLED: {{ .enabled | quote }}
CONVERGE_SYSLOG_TCP_PORT: {{ .port | quote }}
CONVERGE_SYSLOG_UDP_PORT: {{ .port | quote }}
{{- end }}
{{- range $k, $v := .c.env }}
{{ $k }}: {{ include "converge.scalar" $v | quote }}
{{- end }}
{{- end -}}

{{- define "converge.configmap" -}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "converge.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "converge.labels" . | nindent 4 }}
data:
{{- if eq .c.kind "gateway" }}
  nginx.conf: |
    {{- include "converge.nginxConf" . | nindent 4 }}
  index.html: |
    {{- include "converge.gatewayIndex" . | nindent 4 }}
{{- else }}
  {{- include "converge.quarkusSettings" . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* ---------------------------------------------------------------------------------------------------------- */}}
{{- define "converge.pvc" -}}
{{- with get .c "persistence" }}
{{- if and .enabled (not .existingClaim) }}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: {{ include "converge.componentName" $ }}-data
  namespace: {{ $.root.Release.Namespace }}
  labels:
    {{- include "converge.labels" $ | nindent 4 }}
  annotations:
    # the firmware catalog in PostgreSQL points at these files: an uninstall keeps them
    helm.sh/resource-policy: keep
spec:
  accessModes:
    {{- toYaml .accessModes | nindent 4 }}
  {{- if .storageClass }}
  storageClassName: {{ .storageClass | quote }}
  {{- end }}
  resources:
    requests:
      storage: {{ .size | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* ---------------------------------------------------------------------------------------------------------- */}}
{{- define "converge.probe" -}}
httpGet:
  path: {{ .path }}
  port: http
{{- with .initialDelaySeconds }}
initialDelaySeconds: {{ . }}
{{- end }}
periodSeconds: {{ .periodSeconds }}
timeoutSeconds: {{ .timeoutSeconds }}
failureThreshold: {{ .failureThreshold }}
{{- end -}}

{{- define "converge.deployment" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $gateway := eq $c.kind "gateway" -}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "converge.componentName" . }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    {{- include "converge.labels" . | nindent 4 }}
spec:
  {{- if not $c.hpa.enabled }}
  replicas: {{ $c.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  {{- with $c.strategy }}
  strategy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "converge.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "converge.labels" . | nindent 8 }}
        {{- with $c.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include "converge.configmap" . | sha256sum }}
        {{- with $c.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "converge.serviceAccountName" . }}
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with $root.Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      {{- with $c.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $c.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .name }}
          image: {{ include "converge.image" . | quote }}
          imagePullPolicy: {{ include "converge.pullPolicy" . }}
          securityContext:
            {{- toYaml $c.securityContext | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $c.port }}
              protocol: TCP
            {{- with get $c "syslog" }}
            {{- if .enabled }}
            - name: syslog-tcp
              containerPort: {{ .port }}
              protocol: TCP
            - name: syslog-udp
              containerPort: {{ .port }}
              protocol: UDP
            {{- end }}
            {{- end }}
          {{- if not $gateway }}
          envFrom:
            - configMapRef:
                name: {{ include "converge.componentName" . }}
          env:
            {{- $pg := include "converge.postgresql" . | fromYaml }}
            - name: CONVERGE_DB_USER
              valueFrom:
                secretKeyRef:
                  name: {{ $pg.existingSecret }}
                  key: {{ $pg.usernameKey }}
            - name: CONVERGE_DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ $pg.existingSecret }}
                  key: {{ $pg.passwordKey }}
            - name: CONVERGE_OIDC_SECRET
              valueFrom:
                secretKeyRef:
                  name: {{ get $c.oidc "existingSecret" | default $root.Values.oidc.existingSecret }}
                  key: {{ $c.oidc.secretKey }}
            {{- if get $c "mqtt" }}
            - name: POD_NAME
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            # one MQTT client id per replica: the broker keeps one session per id
            - name: CONVERGE_MQTT_CLIENT_ID
              value: "converge-telemetry-$(POD_NAME)"
            {{- with $root.Values.mqtt.existingSecret }}
            - name: CONVERGE_MQTT_USERNAME
              valueFrom:
                secretKeyRef:
                  name: {{ . }}
                  key: {{ $root.Values.mqtt.usernameKey }}
            - name: CONVERGE_MQTT_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ . }}
                  key: {{ $root.Values.mqtt.passwordKey }}
            {{- end }}
            {{- end }}
            {{- with $c.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- else if $c.extraEnv }}
          env:
            {{- toYaml $c.extraEnv | nindent 12 }}
          {{- end }}
          startupProbe:
            {{- include "converge.probe" $c.probes.startup | nindent 12 }}
          livenessProbe:
            {{- include "converge.probe" $c.probes.liveness | nindent 12 }}
          readinessProbe:
            {{- include "converge.probe" $c.probes.readiness | nindent 12 }}
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if $gateway }}
            - name: config
              mountPath: /etc/nginx/nginx.conf
              subPath: nginx.conf
              readOnly: true
            - name: config
              mountPath: /usr/share/nginx/converge/index.html
              subPath: index.html
              readOnly: true
            {{- end }}
            {{- with get $c "persistence" }}
            {{- if .enabled }}
            - name: data
              mountPath: {{ .mountPath }}
            {{- end }}
            {{- end }}
            {{- with $c.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $c.tmpSizeLimit }}
        {{- if $gateway }}
        - name: config
          configMap:
            name: {{ include "converge.componentName" . }}
        {{- end }}
        {{- with get $c "persistence" }}
        {{- if .enabled }}
        - name: data
          persistentVolumeClaim:
            claimName: {{ default (printf "%s-data" (include "converge.componentName" $)) .existingClaim }}
        {{- end }}
        {{- end }}
        {{- with $c.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $c.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $c.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}

{{/* ---------------------------------------------------------------------------------------------------------- */}}
{{- define "converge.service" -}}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "converge.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "converge.labels" . | nindent 4 }}
  {{- with .c.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .c.service.type }}
  selector:
    {{- include "converge.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .c.port }}
      targetPort: http
      protocol: TCP
    {{- with get .c "syslog" }}
    {{- if .enabled }}
    - name: syslog-tcp
      port: {{ .port }}
      targetPort: syslog-tcp
      protocol: TCP
    - name: syslog-udp
      port: {{ .port }}
      targetPort: syslog-udp
      protocol: UDP
    {{- end }}
    {{- end }}
{{- end -}}

{{/* ---------------------------------------------------------------------------------------------------------- */}}
{{- define "converge.pdb" -}}
{{- if .c.pdb.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "converge.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "converge.labels" . | nindent 4 }}
spec:
  {{- if not (kindIs "string" .c.pdb.minAvailable) }}
  minAvailable: {{ .c.pdb.minAvailable }}
  {{- else if .c.pdb.minAvailable }}
  minAvailable: {{ .c.pdb.minAvailable | quote }}
  {{- else }}
  maxUnavailable: {{ .c.pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "converge.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{/* ---------------------------------------------------------------------------------------------------------- */}}
{{- define "converge.hpa" -}}
{{- if .c.hpa.enabled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "converge.componentName" . }}
  namespace: {{ .root.Release.Namespace }}
  labels:
    {{- include "converge.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "converge.componentName" . }}
  minReplicas: {{ .c.hpa.minReplicas }}
  maxReplicas: {{ .c.hpa.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .c.hpa.targetCPUUtilizationPercentage }}
    {{- if .c.hpa.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ .c.hpa.targetMemoryUtilizationPercentage }}
    {{- end }}
{{- end }}
{{- end -}}
