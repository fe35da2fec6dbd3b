package runner

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// barWidth is the number of cells of the terminal progress bar.
const barWidth = 24

// progress reports the advance of a sweep, either as a bar redrawn in
// place on a terminal or as one plain line per finished job. A nil w
// disables it. It is not safe for concurrent use.
type progress struct {
	w       io.Writer
	tty     bool
	label   string
	total   int
	resumed int // jobs done before the sweep started
	done    int
	now     func() time.Time
	begin   time.Time
	width   int // length of the last bar drawn, to blank leftovers
}

// newProgress returns a reporter on w for total jobs of which resumed are
// already done. now is the clock.
func newProgress(w io.Writer, label string, total, resumed int, now func() time.Time) *progress {
	return &progress{
		w: w, tty: isTerminal(w), label: label,
		total: total, resumed: resumed, done: resumed,
		now: now, begin: now(),
	}
}

// isTerminal reports whether w is a character device such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// start reports the jobs resumed from dir and the stale ones to be run
// again, and draws the initial bar.
func (p *progress) start(dir string, stale int) {
	if p.w == nil {
		return
	}
	if p.resumed > 0 {
		fmt.Fprintf(p.w, "%sresumed %d of %d jobs from %s\n", p.prefix(), p.resumed, p.total, dir)
	}
	if stale > 0 {
		fmt.Fprintf(p.w, "%srunning %d stale jobs again (their inputs changed)\n", p.prefix(), stale)
	}
	if p.tty {
		p.draw()
	}
}

// finished records that the job key finished after d.
func (p *progress) finished(key string, d time.Duration) {
	p.done++
	switch {
	case p.w == nil:
	case p.tty:
		p.draw()
	default:
		fmt.Fprintf(p.w, "%s[%d/%d] %s done in %.1fs\n", p.prefix(), p.done, p.total, key, d.Seconds())
	}
}

// end terminates the bar's line.
func (p *progress) end() {
	if p.w != nil && p.tty {
		fmt.Fprintln(p.w)
	}
}

// prefix returns the label followed by a space, or "".
func (p *progress) prefix() string {
	if p.label == "" {
		return ""
	}
	return p.label + " "
}

// draw redraws the bar in place.
func (p *progress) draw() {
	line := p.bar()
	pad := max(p.width-len(line), 0)
	p.width = len(line)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
}

// bar formats the bar: cells, done/total, percentage, elapsed, ETA, label.
func (p *progress) bar() string {
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.done) / float64(p.total)
	}
	full := int(frac * barWidth)
	cells := strings.Repeat("#", full) + strings.Repeat(".", barWidth-full)
	elapsed := p.now().Sub(p.begin)
	line := fmt.Sprintf("[%s] %d/%d %3.0f%% elapsed %s ETA %s",
		cells, p.done, p.total, 100*frac, clock(elapsed), p.eta(elapsed))
	if p.label != "" {
		line += " " + p.label
	}
	return line
}

// eta estimates the time left from the jobs run so far in this sweep.
func (p *progress) eta(elapsed time.Duration) string {
	ran := p.done - p.resumed
	if ran <= 0 {
		return "--:--"
	}
	left := p.total - p.done
	return clock(elapsed / time.Duration(ran) * time.Duration(left))
}

// clock formats d as m:ss, or h:mm:ss from one hour.
func clock(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
