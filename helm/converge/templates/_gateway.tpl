{{/*
The gateway component: nginx with the routes of DESIGN.md. Each route exists only when its service is enabled
(nginx resolves its upstreams at start). The bearer token is forwarded untouched; every service validates it.
*/}}

{{/* Route groups: service key -> path regex, body size key */}}
{{- define "converge.gatewayRoutes" -}}
asset:
  regex: ^/api/v1/(assets|sites|zones)(/|$)
  paths: /api/v1/assets, /api/v1/sites, /api/v1/zones
  bodySize: assets
telemetry:
  regex: ^/api/v1/telemetry(/|$)
  paths: /api/v1/telemetry
  bodySize: telemetry
kpi:
  regex: ^/api/v1/kpis(/|$)
  paths: /api/v1/kpis
  bodySize: default
patch:
  regex: ^/api/v1/(firmware|campaigns|devices)(/|$)
  paths: /api/v1/firmware, /api/v1/campaigns, /api/v1/devices
  bodySize: patch
security:
  regex: ^/api/v1/security(/|$)
  paths: /api/v1/security
  bodySize: default
{{- end -}}

{{- define "converge.nginxConf" -}}
{{- $root := .root -}}
{{- $c := .c -}}
{{- $routes := include "converge.gatewayRoutes" . | fromYaml -}}
# Converge API gateway (rendered by the Helm chart; the root file system is read-only, everything writable is /tmp)
worker_processes auto;
pid /tmp/nginx.pid;
error_log /dev/stderr warn;

events {
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    server_tokens off;
    sendfile on;
    keepalive_timeout 65s;

    client_body_temp_path /tmp/client_temp;
    proxy_temp_path /tmp/proxy_temp;
    fastcgi_temp_path /tmp/fastcgi_temp;
    uwsgi_temp_path /tmp/uwsgi_temp;
    scgi_temp_path /tmp/scgi_temp;

    log_format converge escape=json '{"time":"$time_iso8601","remote":"$remote_addr","request_id":"$request_id",'
        '"method":"$request_method","uri":"$request_uri","status":$status,"bytes":$body_bytes_sent,'
        '"duration":$request_time,"upstream":"$upstream_addr","upstream_duration":"$upstream_response_time"}';
    access_log /dev/stdout converge;
{{- range $name := keys $routes | sortAlpha }}
{{- $svc := get $root.Values.services $name }}
{{- if and $svc $svc.enabled }}

    upstream {{ $name }} {
        server {{ include "converge.componentName" (dict "root" $root "name" $name) }}.{{ $root.Release.Namespace }}.svc.{{ $root.Values.global.clusterDomain }}:{{ $svc.port }};
        keepalive 16;
    }
{{- end }}
{{- end }}

    server {
        listen {{ $c.port }};
        client_max_body_size {{ $c.maxBodySize.default }};

        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Request-Id $request_id;
        # Server-Sent Events (telemetry stream, KPI alarm stream) go out as they come
        proxy_buffering off;
        proxy_read_timeout 1h;

        location = /healthz {
            access_log off;
            default_type text/plain;
            return 200 "ok\n";
        }
{{- range $name := keys $routes | sortAlpha }}
{{- $svc := get $root.Values.services $name }}
{{- if and $svc $svc.enabled }}
{{- $r := get $routes $name }}

        location ~ {{ $r.regex }} {
            client_max_body_size {{ get $c.maxBodySize $r.bodySize }};
            {{- if eq $name "patch" }}
            # firmware uploads are streamed to patch-service, which checks size, SHA-256 and signature itself
            proxy_request_buffering off;
            {{- end }}
            proxy_pass http://{{ $name }};
        }
{{- end }}
{{- end }}
{{- with $c.authUpstream }}

        location /auth/ {
            proxy_pass {{ trimSuffix "/" . }};
        }
{{- end }}

        location = / {
            root /usr/share/nginx/converge;
            try_files /index.html =404;
        }

        location / {
            default_type application/problem+json;
            return 404 '{"type":"about:blank","title":"Not Found","status":404,"detail":"no route for this path"}';
        }
    }
}
{{- end -}}

{{- define "converge.gatewayIndex" -}}
{{- $root := .root -}}
{{- $routes := include "converge.gatewayRoutes" . | fromYaml -}}
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Converge API gateway</title>
</head>
<body>
  <h1>Converge API gateway</h1>
  <p>Release {{ $root.Release.Name }}, version {{ $root.Chart.AppVersion }}. Every API call needs a bearer token of the
  realm at {{ $root.Values.oidc.issuerUrl }}.</p>
  <table>
    <tr><th>path</th><th>service</th></tr>
{{- range $name := keys $routes | sortAlpha }}
{{- $svc := get $root.Values.services $name }}
{{- if and $svc $svc.enabled }}
    <tr><td><code>{{ (get $routes $name).paths }}</code></td><td>{{ $svc.image.name }}</td></tr>
{{- end }}
{{- end }}
{{- with .c.authUpstream }}
    <tr><td><code>/auth/</code></td><td>Keycloak</td></tr>
{{- end }}
  </table>
</body>
</html>
{{- end -}}
