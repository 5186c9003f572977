# here-documents: expanded, quoted (literal), with tabs stripped, into a pipe
name=argot
cat <<EOT
hello $name
sum $((2 + 3))
EOT
cat <<'EOT'
literal $name $(echo no)
EOT
	cat <<-EOT
	tabs stripped for $name
	EOT
tr a-z A-Z <<EOT | sort
b line
a line
EOT
