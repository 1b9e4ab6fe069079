import { once } from 'node:events';
import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';

export interface DnsServer {
  /** `127.0.0.1:port`, for `dnsServers`. */
  address: string;
  /** A queries answered so far. */
  queries: number;
  close(): Promise<void>;
}

/**
 * A real DNS server on loopback (UDP), answering A queries with `answerFor(name, n)` (n: how many
 * A queries came before) and AAAA queries with nothing. Lets a test change a name's answer
 * between the check of a subscription and the connection of a delivery (DNS rebinding).
 */
export async function startDnsServer(answerFor: (name: string, n: number) => string[]): Promise<DnsServer> {
  const socket = createSocket('udp4');
  const self: DnsServer = { address: '', queries: 0, close: async () => void socket.close() };
  socket.on('message', (message, remote) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    if (!question) return;
    const answers =
      question.type === 'A'
        ? answerFor(question.name, self.queries++).map((data) => ({ type: 'A' as const, name: question.name, ttl: 0, data }))
        : [];
    const response = dnsPacket.encode({ type: 'response', id: query.id, flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE, questions: query.questions, answers });
    socket.send(response, remote.port, remote.address);
  });
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  self.address = `127.0.0.1:${socket.address().port}`;
  return self;
}
