# Every C++ file follows the repository's .clang-format (`make format` applies it).
source "$(dirname "$0")/lib/assert.bash"
cd "$SRC"
files=$(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find grammar engine cli stdlib tests bench docs -name '*.cpp' -o -name '*.hpp')
for f in $files; do
  if clang-format --dry-run --Werror "$f" >/dev/null 2>"$WORK/format.err"; then
    pass
  else
    fail "$f is not formatted (run make format)"
  fi
done
finish
