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
  c89 c99 lastlogin lastb faillog rmt rmt-tar rmt-dump top ionice chattr lsattr setfacl getfacl capsh setcap getcap ldd objdump readelf nm
  strace ltrace valgrind busctl journalctl dmesg sysctl modprobe insmod rmmod lsmod lspci lsusb lsblk blkid useradd userdel
  groupadd gpasswd chpasswd newgrp chsh chfn pkexec doas tcpdump tshark wireshark hping3 arping fping mtr iperf ncat
  proxychains torsocks msfconsole msfvenom sqlmap hydra john hashcat mimikatz psexec crackmapexec impacket-psexec
  powercat nishang certreq esentutl expand extrac32 findstr forfiles hh ieexec installutil msbuild odbcconf pcalua
  regasm regsvcs replace syncappvpublishingserver wmiprvse xwizard bash.exe wsl wslconfig curl wget2 aria2c axel lynx links
  elinks w3m ftp lftp smbclient rpcclient enum4linux showmount nfsstat mysql psql sqlite3 mongo mongosh redis-cli
  php-cgi perl5 ruby2 jrunscript groovy scala kotlinc rscript julia swift go gdb lldb radare2 r2 xxd upx base32 basenc
  uuencode uudecode openssl gpg gpg2 zstd lz4 lzma unxz bunzip2 zcat zless zgrep bzcat xzcat tar.exe expect tclsh8.6
  zstdcat zstdgrep zstdless bsdtar bsdcat bsdcpio lz4cat lzcat lzless xzless xzgrep bzgrep bzless 7za 7zr
  aptitude apt-cache dpkg rpm snap flatpak zypper pacman emerge opkg brew port pkg yarn pnpm bun deno cargo rustc
  htop atop iotop iftop nethogs glances ncdu vmstat iostat mpstat pidstat sar uptime free lscpu lshw dmidecode hwinfo
  ll la lsof fuser pgrep pidof killall5 runuser chpst start-stop-daemon update-rc.d chkconfig rc-service
  lwp-download lwp-request lwp-mirror lwp-dump wget.exe curl.exe fetch links2 httpie
  tr rev tac base58 base85 ascii85 iconv dos2unix unix2dos recode enscript
  trap ulimit umask builtin command compgen complete disown enable fc hash history jobs let local logout mapfile
  popd pushd readonly shopt suspend times type ulimit unalias
  ex vi vim view rvim rview vimdiff nvim gvim pico joe jed mcedit
  mawk nawk busybox toybox ksshell yash elvish fish mksh pdksh sash posh rbash
  ssh-keyscan autossh plink psftp pscp putty telnetd inetd xinetd socat1 socat2 ncat.exe nc.openbsd nc.traditional
  mkpasswd htpasswd chage vipw vigr pwck grpck newusers adduser deluser addgroup delgroup
  gcore gdbserver pmap ptrace bpftrace perf-trace sysdig auditctl ausearch
  docker-compose podman buildah crictl ctr nerdctl kubeadm kubelet helm minikube kind k3s virsh vboxmanage vagrant qemu-img
  certbot openvpn wg wg-quick ipsec ike-scan masscan zmap nikto dirb gobuster ffuf wfuzz nuclei amass subfinder
  bcdboot bcdedit bootcfg diskpart format cipher compact takeown cacls xcopy robocopy wevtutil auditpol secedit
  gpresult gpupdate whoami.exe klist ksetup nltest dsquery dsget csvde ldifde ntdsutil wbadmin sdelete
  iwmi gwmi saps sajb icm ipmo gci gcm gps sal nal spps
  aa-disable aa-enforce aa-complain aa-exec aa-status setenforce getenforce semanage restorecon chcon
  cobc cowsay ghc ghci gimp octave pdflatex latexmk lualatex xelatex rake bundle bundler cpan cpanm easy_install gem2
  php5 php7 php8 python3.8 python3.9 python3.10 python3.11 python3.12 perl6 raku ruby1.9 node.exe pypy pypy3
  sqlplus isql osql sqlcmd mysqldump pg_dump pg_dumpall mongodump mongoexport redis-server memcached
  chef chef-run cscli visudo ansible ansible-playbook knife salt-call salt-ssh puppet`);

/** Windows programs, whose switches may be glued to the name (bcdboot/r, cmd/c, xcopy/s). */
export const WINDOWS_ONLY = set(`cmd bcdboot bcdedit bootcfg diskpart certutil bitsadmin wmic schtasks tasklist taskkill systeminfo ipconfig
  msiexec rundll32 regsvr32 mshta cscript wscript xcopy robocopy wevtutil auditpol secedit gpresult gpupdate nltest dsquery
  icacls takeown cacls vssadmin findstr attrib runas reg regedit forfiles certreq esentutl expand extrac32 sdelete wbadmin`);

/** Commands that are also everyday English words: only count them with strong shell syntax around. */
export const ENGLISH = set(`time watch set type sort join split cut paste host ip ss ps id file at batch man more less find
  make install kill head tail touch sleep date cal who w last diff which expr yes source alias script write
  tee column fold fmt sum ed pr look echo printf net sc ver route arp dir cd pwd mount service apt make git
  start help exit rev seq bc dc go run test true false nice wait read mail shift trap bind screen top perf
  view fetch free format compact cipher command history jobs let local hash enable complete times suspend
  type ex la ll tr chef pico http https snap port bundle install fish cobc cowsay ghc gimp octave rake builtin
  popd pushd readonly shopt disown logout mapfile fc umask ulimit uptime kind helm sal nal gc glances`);

/** Shell words that follow a command and mark it as shell syntax. */
export const SHELL_PATH_PREFIXES = ['/bin/', '/usr/bin/', '/usr/sbin/', '/sbin/', '/usr/local/bin/', '/tmp/', '/dev/', '/etc/', '/proc/', '/var/', '/home/', '/root/', 'c:/', 'c:\\', '%systemroot%', '%comspec%', '%temp%', '%windir%'];
