# This bundle renews one certificate (dockcert renew): the one whose DER has
# the SHA-256 below. When the installed one ($RENEWED) is that certificate,
# it and the files that go with it (its key; on a host, the expiry check's
# record of them) are replaced without --force, the old ones kept as --force
# keeps them; any other difference still needs --force. The DER, not the
# file: renew may have been given the same certificate encoded otherwise, and
# the DER is the base64 of the file's first certificate (no openssl needed).
# A file marked "renewed" is like a "merged" one: check_file asks only a
# "replace" to be the same, and install_all keeps every old file.
@DER_SHA256@
RENEWS='@RENEWS@'
RENEWED=@RENEWED_CERT@
renewed_sha256=''
if [ -f "$RENEWED" ] && [ ! -L "$RENEWED" ]; then
    renewed_sha256=$(der_sha256 "$RENEWED") || renewed_sha256=''
fi
if [ "$renewed_sha256" = "$RENEWS" ]; then
    while IFS=$TAB read -r src dest mode how; do
        case $dest in
            @RENEWED_FILES@) how=renewed ;;
        esac
        printf '%s\t%s\t%s\t%s\n' "$src" "$dest" "$mode" "$how"
    done < "$WORK/files" > "$WORK/renewed"
    mv -f -- "$WORK/renewed" "$WORK/files"
    echo "@say:ReplacingRenewed@"
fi
