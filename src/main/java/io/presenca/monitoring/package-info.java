/**
 * Watching a running gateway: Camel health checks (camera, SQLite, PostgreSQL, external API,
 * Rekognition), Prometheus metrics and the pipeline MBean, all read from the counters the capture
 * and sync beans already keep, served on the management HTTP port and over JMX.
 */
package io.presenca.monitoring;
