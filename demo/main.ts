// The demo is plain markup: this one import registers every ph-* tag, exactly as the CDN script would.
import '../src/define.js';
