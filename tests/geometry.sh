# Geometry checks on display-list dumps (src/dump.c), for tests/cli/*.sh.

# geometry DUMP: box, arrow and label checks on every page of a dump.
# Boxes: closed paths (rectangles, rounded rectangles) and images.  Arrows:
# open stroked paths with a filled triangle (the head) at one end.  Text
# boxes are estimated from the size (ascent 0.88 em, descent 0.12 em; the last
# glyph 1 em wide in CJK fonts, 0.6 em in Latin ones).  Prints one line per
# problem, then "N boxes, N arrows, N texts".
geometry() {
	awk '
	function num(s) { return s + 0 }
	function pt(s, xy) { split(s, xy, ","); PX = xy[1] + 0; PY = xy[2] + 0 }
	function addbox(x0, y0, x1, y1, what) { nb++; BX0[nb] = x0; BY0[nb] = y0; BX1[nb] = x1; BY1[nb] = y1; BW[nb] = what }
	function onedge(x, y,   i, e) {
		e = 1.0
		for (i = 1; i <= nb; i++) {
			if (x >= BX0[i] - e && x <= BX1[i] + e && y >= BY0[i] - e && y <= BY1[i] + e &&
			    (x - BX0[i] < e || BX1[i] - x < e || y - BY0[i] < e || BY1[i] - y < e) &&
			    !(x - BX0[i] > e && BX1[i] - x > e && y - BY0[i] > e && BY1[i] - y > e))
				return i
		}
		return 0
	}
	function flush(   i, j, a, b, tip, ov, inside, fam) {
		if (!page) return
		# boxes: pairwise disjoint or nested
		for (i = 1; i <= nb; i++) for (j = i + 1; j <= nb; j++) {
			ov = (BX0[i] < BX1[j] - 0.5 && BX0[j] < BX1[i] - 0.5 && BY0[i] < BY1[j] - 0.5 && BY0[j] < BY1[i] - 0.5)
			if (!ov) continue
			if (BX0[i] <= BX0[j] + 0.5 && BX1[i] >= BX1[j] - 0.5 && BY0[i] <= BY0[j] + 0.5 && BY1[i] >= BY1[j] - 0.5) continue
			if (BX0[j] <= BX0[i] + 0.5 && BX1[j] >= BX1[i] - 0.5 && BY0[j] <= BY0[i] + 0.5 && BY1[j] >= BY1[i] - 0.5) continue
			printf "page %d: boxes overlap: %s and %s\n", page, BW[i], BW[j]
		}
		# arrows: a line with a head; both ends on a box edge
		for (i = 1; i <= nl; i++) {
			for (j = 1; j <= nh; j++) {
				if (HX0[j] - 1 <= LX2[i] && LX2[i] <= HX1[j] + 1 && HY0[j] - 1 <= LY2[i] && LY2[i] <= HY1[j] + 1) break
			}
			if (j > nh) continue
			na++
			tip = HT[j]
			split(tip, a, ",")
			if (!onedge(a[1] + 0, a[2] + 0)) printf "page %d: arrow head at %s is not on a box edge\n", page, tip
			if (!onedge(LX1[i], LY1[i])) printf "page %d: arrow from %.2f,%.2f does not start on a box edge\n", page, LX1[i], LY1[i]
		}
		# texts: not across a box edge, clear of the edges inside, not over each other
		for (i = 1; i <= nt; i++) {
			for (j = 1; j <= nb; j++) {
				ov = (TX0[i] < BX1[j] && BX0[j] < TX1[i] && TY0[i] < BY1[j] && BY0[j] < TY1[i])
				if (!ov) continue
				inside = (TX0[i] >= BX0[j] + 2 && TX1[i] <= BX1[j] - 2 && TY0[i] >= BY0[j] + 1.5 && TY1[i] <= BY1[j] - 1.5)
				if (!inside) printf "page %d: text %s touches or crosses %s\n", page, TS[i], BW[j]
			}
			for (j = i + 1; j <= nt; j++)
				if (TX0[i] < TX1[j] - 0.3 && TX0[j] < TX1[i] - 0.3 && TY0[i] < TY1[j] - 0.3 && TY0[j] < TY1[i] - 0.3)
					printf "page %d: texts overlap: %s and %s\n", page, TS[i], TS[j]
		}
		NB += nb; NA += na; NT += nt
		nb = nl = nh = nt = na = 0
	}
	$1 == "page" { flush(); page = $2; next }
	$1 == "image" { pt($3); x = PX; y = PY; split($4, wh, "x"); addbox(x, y, x + wh[1], y + wh[2], "image " $2); next }
	$1 == "path" {
		fill = $3; stroke = $5
		if (/ rect /) {
			for (i = 1; i <= NF; i++) if ($i == "rect") break
			pt($(i + 1)); split($(i + 2), wh, "x")
			addbox(PX, PY, PX + wh[1], PY + wh[2], "box at " $(i + 1))
			next
		}
		# collect the points of M/L/C segments
		np = 0; closed = 0; curve = 0
		for (i = 1; i <= NF; i++) {
			if ($i == "M" || $i == "L") { pt($(i + 1)); np++; X[np] = PX; Y[np] = PY }
			else if ($i == "C") { pt($(i + 3)); np++; X[np] = PX; Y[np] = PY; curve = 1 }
			else if ($i == "Z") closed = 1
		}
		if (np == 0) next
		x0 = x1 = X[1]; y0 = y1 = Y[1]
		for (i = 2; i <= np; i++) { if (X[i] < x0) x0 = X[i]; if (X[i] > x1) x1 = X[i]; if (Y[i] < y0) y0 = Y[i]; if (Y[i] > y1) y1 = Y[i] }
		if (closed && np <= 4 && !curve && fill != "none") {
			# a filled triangle: an arrow head; its tip is the vertex farthest from the other two
			nh++; HX0[nh] = x0; HX1[nh] = x1; HY0[nh] = y0; HY1[nh] = y1
			best = -1
			for (i = 1; i <= 3; i++) {
				d = 0
				for (k = 1; k <= 3; k++) if (k != i) d += (X[i] - X[k]) ^ 2 + (Y[i] - Y[k]) ^ 2
				if (d > best) { best = d; HT[nh] = X[i] "," Y[i] }
			}
		} else if (closed) {
			addbox(x0, y0, x1, y1, "box at " x0 "," y0)
		} else if (stroke != "none") {
			nl++; LX1[nl] = X[1]; LY1[nl] = Y[1]; LX2[nl] = X[np]; LY2[nl] = Y[np]
		}
		next
	}
	$1 == "text" {
		size = $3 + 0; pt($6); x = PX; y = PY
		lat = ($2 ~ /^Liberation/)
		q = index($0, "\""); s = substr($0, q)
		nt++; TS[nt] = s
		if ($7 == "vertical") {
			pt($9)
			TX0[nt] = x - size / 2; TX1[nt] = x + size / 2; TY0[nt] = y - 0.88 * size; TY1[nt] = PY + 0.12 * size
		} else {
			TX0[nt] = x; TX1[nt] = $8 + (lat ? 0.6 : 1.0) * size
			TY0[nt] = y - 0.88 * size; TY1[nt] = y + 0.12 * size
		}
		next
	}
	END { flush(); print NB + 0 " boxes, " NA + 0 " arrows, " NT + 0 " texts" }' "$1"
}
