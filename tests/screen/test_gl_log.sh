#!/usr/bin/env bash
# The log names the GL implementation that draws, not only SDL's renderer:
# "opengles2" alone does not tell the Pi's GPU from Mesa's software llvmpipe
# (found in the VM test, where the journal said opengles2 and nothing more).
# Under Xvfb, with the GLES2 renderer asked for, Mesa draws with llvmpipe.
# ctest-labels: no-emulator no-sanitize  (GL under qemu-user is not what this checks; under
# LeakSanitizer, Mesa leaks at exit from libraries SDL has already unloaded, which no suppression can name)
set -euo pipefail
ticker=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
unset SDL_VIDEODRIVER
export SDL_RENDER_DRIVER=opengles2
cd "$work"
xvfb-run -a -s "-screen 0 1280x720x24 -nolisten tcp" \
    "$ticker" --window=640x360 --duration 1 --synthetic 3 >"$work/log" 2>&1 || {
    cat "$work/log"; echo "FAIL: ticker --window under Xvfb exited non-zero"; exit 1; }
grep -q "renderer: opengles2" "$work/log" || { cat "$work/log"; echo "FAIL: the GLES2 renderer was not used"; exit 1; }
gl=$(sed -n 's/.*info: GL: //p' "$work/log")
[ -n "$gl" ] || { cat "$work/log"; echo "FAIL: the log does not name the GL implementation"; exit 1; }
echo "ok: the log names the GL implementation: $gl"
