// A real SMTP server in the test process (smtp-server), keeping what it receives parsed back with
// mailparser, and able to refuse a message (5xx), drop the connection mid-message, or be down.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export type SmtpMode = 'accept' | 'refuse' | 'drop';

export interface Received {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
}

export interface TestSmtp {
  port: number;
  url: string;
  received: Received[];
  mode: SmtpMode;
  /** Stops listening (the port refuses connections) … */
  down(): Promise<void>;
  /** … and listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startSmtp(): Promise<TestSmtp> {
  let server: SMTPServer | null = null;
  const state: TestSmtp = {
    port: 0,
    url: '',
    received: [],
    mode: 'accept',
    down: async () => {
      const s = server;
      server = null;
      if (!s) return;
      for (const c of s.connections) c._socket.destroy();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    up: () => listen(state.port),
    close: () => state.down(),
  };

  const create = () => {
    const s: SMTPServer = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        if (state.mode === 'drop') {
          // Half the message has arrived: the connection breaks before the server answers.
          stream.once('data', () => {
            for (const c of s.connections) if (c.id === session.id) c._socket.destroy();
          });
          stream.resume();
          return;
        }
        void read(stream).then(async (raw) => {
          if (state.mode === 'refuse') return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
          state.received.push({ raw: raw.toString('utf8'), parsed: await simpleParser(raw), envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
          callback();
        }, callback);
      },
    });
    s.on('error', () => undefined);
    return s;
  };

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      const s = create();
      s.server.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        server = s;
        state.port = (s.server.address() as { port: number }).port;
        state.url = `smtp://127.0.0.1:${state.port}`;
        resolve();
      });
    });

  await listen(0);
  return state;
}
