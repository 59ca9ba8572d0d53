{{/* Names: <release>-<component>, unless the release is already called frontera-<something>. */}}
{{- define "frontera.fullname" -}}
{{- $root := index . 0 -}}
{{- $component := index . 1 -}}
{{- printf "%s-%s" $root.Release.Name $component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "frontera.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-secrets" .Release.Name | trunc 63 | trimSuffix "-") -}}
{{- end -}}

{{/* Labels of every object; selector labels are the stable subset. */}}
{{- define "frontera.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end -}}

{{- define "frontera.labels" -}}
{{- $root := index . 0 -}}
{{ include "frontera.selectorLabels" . }}
app.kubernetes.io/part-of: frontera
app.kubernetes.io/version: {{ $root.Values.image.tag | default $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version }}
{{- end -}}

{{/* A service's values: serviceDefaults with services.<name> over them. */}}
{{- define "frontera.serviceValues" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $own := index $root.Values.services $name | default dict -}}
{{- toYaml (mergeOverwrite (deepCopy $root.Values.serviceDefaults) (deepCopy $own)) -}}
{{- end -}}

{{/*
Settings without which no service can start, checked once for the whole release so that a missing
one fails `helm template`/`helm install` with its name rather than pods crash-looping.
*/}}
{{- define "frontera.validate" -}}
{{- $ := . -}}
{{- $_ := required "config.kafkaBrokers is required (Kafka bootstrap brokers, host:port[,host:port])" .Values.config.kafkaBrokers -}}
{{- $_ := required "config.authIssuer is required (the iss access tokens must carry)" .Values.config.authIssuer -}}
{{- $_ := required "config.authAudience is required (the aud access tokens must carry)" .Values.config.authAudience -}}
{{- if and .Values.config.authJwksUrl .Values.secrets.authPublicKey -}}
{{- fail "set config.authJwksUrl or secrets.authPublicKey, not both (the services refuse both)" -}}
{{- end -}}
{{- if and (not .Values.config.authJwksUrl) (not .Values.secrets.authPublicKey) (not .Values.secrets.existingSecret) -}}
{{- fail "config.authJwksUrl or secrets.authPublicKey is required (how the services verify access tokens)" -}}
{{- end -}}
{{- range $name, $_ := .Values.services -}}
{{- $svc := include "frontera.serviceValues" (list $ $name) | fromYaml -}}
{{- range $key := $svc.requiredEnv | default list -}}
{{- $_ := required (printf "services.%s.env.%s is required (see services/%s/README.md, Environment)" $name $key $name) (index ($svc.env | default dict) $key) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Restrictive security context of every container: non-root, read-only root, no capabilities. */}}
{{- define "frontera.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}
