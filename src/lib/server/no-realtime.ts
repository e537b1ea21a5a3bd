/**
 * supabase-js builds a realtime client, which wants a WebSocket — in Node 20 only behind
 * `--experimental-websocket`. Server code and the command line never subscribe to
 * anything: this stand-in, given as `realtime: { transport }`, lets the client be built
 * and says so plainly if that ever changes.
 */
export class NoRealtime {
	constructor() {
		throw new Error('Realtime is not used on the server or the command line.');
	}
}
