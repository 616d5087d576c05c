# 16 MiB through a pipeline (cat between two programs) arrives byte-exact.
cat "$DATA16M" | cat | md5sum | cut -c1-32
cat "$DATA16M" | cat | wc -c | tr -d ' '
