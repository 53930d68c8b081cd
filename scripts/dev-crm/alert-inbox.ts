import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml } from '../../src/lib/content/escape-html.ts';
import { verifyCrmSignature } from '../../src/lib/crm/verify-crm-signature.ts';

/** One alert as the local inbox received it, with whether its signature verified. */
export interface InboxAlert {
  at: string;
  verified: boolean;
  text: string;
  rule: string;
  state: string;
}

export interface AlertInbox {
  /** Where to point ALERT_WEBHOOK_URL: `<url>/alerts`. */
  url: string;
  alerts: InboxAlert[];
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((done, fail) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    request.on('error', fail);
  });

/**
 * A local stand-in for the alert channel (`npm start`): POST /alerts takes signed alerts as Slack
 * would (and checks the signature as a receiver should); GET / lists them, newest first. Loopback
 * only. Switch the dev CRM to "fail" and the breaker alert appears here within two rounds.
 */
export async function startAlertInbox(options: { secret: string; port?: number }): Promise<AlertInbox> {
  const alerts: InboxAlert[] = [];
  const server = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/alerts') {
      void readBody(request).then((body) => {
        const header = (name: string) => [request.headers[name]].flat()[0];
        const check = verifyCrmSignature({
          secrets: [options.secret],
          body,
          timestamp: header('x-floodgate-timestamp'),
          signature: header('x-floodgate-signature'),
        });
        let parsed: { text?: unknown; rule?: unknown; state?: unknown; kind?: unknown } = {};
        try {
          parsed = JSON.parse(body) as typeof parsed;
        } catch {
          // Kept as an unreadable alert below: the inbox shows what arrived.
        }
        alerts.unshift({
          at: new Date().toISOString(),
          verified: check.ok,
          text: typeof parsed.text === 'string' ? parsed.text : body.slice(0, 200),
          // A launch review has no rule: its kind stands in.
          rule:
            typeof parsed.rule === 'string'
              ? parsed.rule
              : typeof parsed.kind === 'string'
                ? parsed.kind
                : '',
          state: typeof parsed.state === 'string' ? parsed.state : '',
        });
        alerts.splice(200);
        response
          .writeHead(check.ok ? 200 : 401, { 'content-type': 'text/plain' })
          .end(check.ok ? 'ok' : check.reason);
      });
      return;
    }
    const rows = alerts
      .map(
        (alert) =>
          `<tr><td>${alert.at.slice(11, 19)}</td><td>${escapeHtml(alert.rule)}</td><td>${escapeHtml(alert.state)}</td><td>${alert.verified ? 'verified' : 'BAD SIGNATURE'}</td><td>${escapeHtml(alert.text)}</td></tr>`,
      )
      .join('');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      .end(
        `<!doctype html><meta charset="utf-8"><title>Alert inbox</title><h1>Alerts received (${alerts.length})</h1><table><thead><tr><th>UTC</th><th>Rule</th><th>State</th><th>Signature</th><th>Text</th></tr></thead><tbody>${rows}</tbody></table>`,
      );
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    alerts,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
