// A one-line counter for a command's long steps ("kiln: compiling 12/240
// files"), drawn over itself on a terminal's stderr and erased when done.
// Silent when stderr is not a terminal (pipes, CI logs, tests) and for steps
// that end before DELAY ms: a quick incremental build prints nothing new.
const DELAY = 300;
const EVERY = 80;

const NONE = { tick() {}, done() {} };

// label: what is counted; total: how many; enabled: draw at all (kiln build
// passes process.stderr.isTTY).
export function progress(label, total, { enabled = false, stream = process.stderr, now = () => Date.now() } = {}) {
  if (!enabled || !(total > 0)) return NONE;
  const start = now();
  let count = 0;
  let drawn = 0;
  let shown = false;
  const draw = () => {
    stream.write(`\r${label} ${count}/${total} files\x1b[K`);
    shown = true;
  };
  return {
    tick() {
      count++;
      const t = now();
      if (t - start >= DELAY && t - drawn >= EVERY) {
        drawn = t;
        draw();
      }
    },
    done() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
