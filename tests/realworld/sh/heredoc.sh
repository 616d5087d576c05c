# Here-documents: expansion, quoting, tab stripping, to externals, large.
name=doc
cat <<EOT
hello $name
$(echo subst) and $((1 + 2))
EOT
cat <<'EOT'
literal $name $(echo no)
EOT
cat <<-EOT
	tabs stripped $name
	EOT
wc -l <<EOT | tr -d ' '
1
2
3
EOT
read first rest <<EOT
alpha beta gamma
EOT
echo "$first|$rest"
i=0; while [ $i -lt 3000 ]; do echo "line $i"; i=$((i + 1)); done >"$TMP/hd.in"
big=$(cat "$TMP/hd.in")
cat <<EOT | md5sum | cut -c1-32
$big
EOT
