// Command vocabularies for command-injection detection.

const set = (s: string): Set<string> => new Set(s.split(/\s+/).filter(Boolean));

/** Unix commands an attacker runs first: recon, download, shells, interpreters, file readers. */
export const UNIX_STRONG = set(`cat tac nl head tail more less id whoami uname ifconfig ip netstat ss ps wget curl nc ncat netcat
  socat telnet bash sh zsh ksh csh tcsh dash ash busybox python python2 python3 perl ruby php lua node nodejs
  chmod chown chgrp rm mv cp ln touch mkfifo mknod dd base64 xxd od strings hexdump passwd useradd usermod
  crontab nohup setsid nmap ping traceroute nslookup dig host whois scp sftp ssh rsync ftp tftp tar gzip gunzip
  zip unzip find locate grep egrep fgrep awk gawk sed xargs env printenv export sudo su kill killall pkill
  systemctl service shutdown reboot halt mount umount fdisk iptables lsof strace gdb ltrace sleep echo printf
  cut sort uniq wc tee timeout time watch expect openssl certutil bitsadmin powershell pwsh cmd wmic net
  reg regedit schtasks sc tasklist taskkill systeminfo ipconfig msiexec rundll32 regsvr32 mshta cscript wscript
  whoami.exe cmd.exe powershell.exe ls dir pwd cd type findstr icacls attrib runas vssadmin ver arp route
  hostname getent last lastlog w who finger vi vim nano emacs ed man file stat which whereis apt apt-get yum
  dnf apk pip pip3 npm gem composer make gcc cc g++ javac java jrunscript docker kubectl chroot unshare nsenter
  nice renice at batch logger curl.exe tftp.exe ftp.exe nc.exe git svn rev shuf paste join split csplit fold
  fmt column diff cmp comm sum md5sum sha1sum sha256sum cksum jq xmllint bzip2 xz 7z rar unrar ar cpio
  pax tclsh wish irb pry jshell rlwrap script screen tmux exec eval source alias unset set declare typeset
  readlink realpath dirname basename mktemp install truncate shred wall mesg write bc dc expr seq yes
  ansible ansible-playbook ansible-vault chef-run chef-client cscli knife salt puppet terraform aws gcloud az
  invoke-webrequest invoke-expression iex iwr start-process new-object downloadstring downloadfile
  ansible-config ansible-console ansible-doc ansible-galaxy ansible-inventory ansible-pull ansible-test chef-shell chef-vault
  chef-solo chef-apply visudo sudoedit cscli pipx ssh-copy-id ssh-keygen ssh-agent ssh-add sshpass perf flock cpulimit uconv
  c89 c99 lastlogin lastb faillog rmt ionice chattr lsattr setfacl getfacl capsh setcap getcap ldd objdump readelf nm
  strace ltrace valgrind busctl journalctl dmesg sysctl modprobe insmod rmmod lsmod lspci lsusb lsblk blkid useradd userdel
  groupadd gpasswd chpasswd newgrp chsh chfn pkexec doas tcpdump tshark wireshark hping3 arping fping mtr iperf ncat
  proxychains torsocks msfconsole msfvenom sqlmap hydra john hashcat mimikatz psexec crackmapexec impacket-psexec
  powercat nishang certreq esentutl expand extrac32 findstr forfiles hh ieexec installutil msbuild odbcconf pcalua
  regasm regsvcs replace syncappvpublishingserver wmiprvse xwizard bash.exe wsl wslconfig curl wget2 aria2c axel lynx links
  elinks w3m ftp lftp smbclient rpcclient enum4linux showmount nfsstat mysql psql sqlite3 mongo mongosh redis-cli
  php-cgi perl5 ruby2 jrunscript groovy scala kotlinc rscript julia swift go gdb lldb radare2 r2 xxd upx base32 basenc
  uuencode uudecode openssl gpg gpg2 zstd lz4 lzma unxz bunzip2 zcat zless zgrep bzcat xzcat tar.exe expect tclsh8.6`);

/** Commands that are also everyday English words: only count them with strong shell syntax around. */
export const ENGLISH = set(`time watch set type sort join split cut paste host ip ss ps id file at batch man more less find
  make install kill head tail touch sleep date cal who w last diff which expr yes source alias script write
  tee column fold fmt sum ed pr look echo printf net sc ver route arp dir cd pwd mount service apt make git
  start help exit rev seq bc dc go run test true false nice wait read mail shift trap bind screen top perf`);

/** Shell words that follow a command and mark it as shell syntax. */
export const SHELL_PATH_PREFIXES = ['/bin/', '/usr/bin/', '/usr/sbin/', '/sbin/', '/usr/local/bin/', '/tmp/', '/dev/', '/etc/', '/proc/', '/var/', '/home/', '/root/', 'c:/', 'c:\\', '%systemroot%', '%comspec%', '%temp%', '%windir%'];
