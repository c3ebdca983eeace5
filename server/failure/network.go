package failure

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/textproto"
	"os"
	"strings"
	"syscall"

	"coffre/engine/storage/ftp"
)

// replyOf sorts a server's refusal by its reply code (SMTP and FTP share them).
func replyOf(err error) (Info, bool) {
	code, ftpReply := 0, false
	var tp *textproto.Error
	var re *ftp.ReplyError
	var coded interface{ ErrorCode() int } // the mail library's SendError
	switch {
	case errors.As(err, &re):
		code, ftpReply = re.Code, true
	case errors.As(err, &tp):
		code = tp.Code
	case errors.As(err, &coded):
		code = coded.ErrorCode()
	}
	switch code {
	case 530, 534, 535:
		return Info{Code: AuthRefused}, true
	case 452, 552:
		return Info{Code: NoSpace}, true
	case 550, 551, 553:
		if ftpReply {
			return Info{Code: Permission}, true
		}
		return Info{Code: RecipientRefused}, true
	case 421:
		return Info{Code: Unreachable}, true
	}
	return Info{}, false
}

// networkOf sorts a connection that could not be made or kept.
func networkOf(err error) (Info, bool) {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		if dns.IsTimeout {
			return Info{Code: Timeout}, true
		}
		return Info{Code: UnknownHost, Args: []string{dns.Name}}, true
	}
	if i, ok := tlsOf(err); ok {
		return i, true
	}
	var ne net.Error
	if errors.Is(err, os.ErrDeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return Info{Code: Timeout}, true
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.EHOSTUNREACH) ||
		errors.Is(err, syscall.ENETUNREACH) || errors.Is(err, syscall.ECONNRESET) {
		return Info{Code: Unreachable, Args: addrOf(err)}, true
	}
	return Info{}, false
}

// addrOf is the address a failed dial aimed at, when the error says it.
func addrOf(err error) []string {
	var op *net.OpError
	if errors.As(err, &op) && op.Addr != nil {
		return []string{op.Addr.String()}
	}
	return nil
}

// tlsOf sorts a TLS handshake that failed or a certificate that is not trusted.
func tlsOf(err error) (Info, bool) {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		record   tls.RecordHeaderError
		alert    tls.AlertError
		cert     *ftp.CertError
		verr     *tls.CertificateVerificationError
	)
	switch {
	case errors.As(err, &cert), errors.As(err, &unknown), errors.As(err, &hostname), errors.As(err, &invalid),
		errors.As(err, &record), errors.As(err, &alert), errors.As(err, &verr):
		return Info{Code: TLS}, true
	}
	if s := strings.ToLower(err.Error()); strings.Contains(s, "starttls") || strings.Contains(s, "tls: ") {
		return Info{Code: TLS}, true
	}
	return Info{}, false
}
