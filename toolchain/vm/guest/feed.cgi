#!/bin/sh
# A feed that brings four new items on every request (busybox httpd CGI).
# Before answering it writes "ticker-vm: served NAME STAMP" to the kernel log,
# which the console shows at once: when the kiosk then logs this source's
# commit, the host knows exactly which items are on disk.
name=${QUERY_STRING:-a}
stamp=$(date +%s%N)
echo "<4>ticker-vm: served $name $stamp" >/dev/kmsg
now=$(date -R)
printf 'Content-Type: application/rss+xml; charset=utf-8\r\n\r\n'
printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Bản tin %s</title>\n' "$name"
printf '<link>http://127.0.0.1:8080/</link><description>VM</description>\n'
for i in 1 2 3 4; do
    printf '<item><title>Hội nghị quốc tế số %s-%s: đối thoại về an ninh khu vực</title>' "$i" "${stamp#??????????}"
    printf '<link>http://127.0.0.1:8080/%s/%s/%s</link>' "$name" "$stamp" "$i"
    printf '<guid isPermaLink="false">vm-%s-%s-%s</guid>' "$name" "$stamp" "$i"
    printf '<description>Tin thử nghiệm %s của máy ảo, bản %s.</description>' "$i" "$stamp"
    printf '<pubDate>%s</pubDate></item>\n' "$now"
done
printf '</channel></rss>\n'
