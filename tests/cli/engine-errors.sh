# Every error the layout engine reports, with its exact message: several in
# one run, at the layout position (or the CSV cell), exit status 1 and no
# PDF left behind.  Layouts in tests/data/engine/errors.
. "$(dirname "$0")/../lib.sh"
export LC_ALL=C.UTF-8
E=tests/data/engine/errors

expect_run "engine errors: images, overflowing text and a flow in a box past its last frame (a page's flow runs on to new pages), a kept box taller than the page" 1 \
"$E/content.yaml:6:16: error: cannot open the image 'photos/none.png': No such file or directory
hint: image paths are relative to the layout file's folder, '$E'
$E/content.yaml:9:16: error: the image 'notimage.png' is neither PNG nor JPEG
$E/content.yaml:12:16: error: cannot read the size of the image 'damaged.png': the file is damaged
$E/content.yaml:15:9: error: text does not fit its frame on page 1; it stops before '道）」と「働く環境の向上」、「雇…'
hint: give the frame more room, shorten the text or use a smaller style
$E/content.yaml:22:13: error: flow does not fit its frames on page 1; it stops before '会保障」、「社会福祉」、「公衆衛…'
hint: give the frame more room, shorten the text or use a smaller style
$E/content.yaml:26:9: error: box is too tall for the page (300.0mm, 257.0mm available) on page 1
hint: make it smaller or drop keep: true so it can split" -- "$KH" build "$E/content.yaml" -o "$TMP/content.pdf"
expect_eq "engine errors: no PDF written after errors" "no" "$([ -e "$TMP/content.pdf" ] && echo yes || echo no)"
expect_eq "engine errors: nothing left beside the output either" "" "$(ls -A "$TMP" | grep content)"

expect_run "engine errors: a name used twice, an unknown name, a connector across pages" 1 \
"$E/names.yaml:12:15: error: the name 'a' is already used
hint: it names the box at $E/names.yaml:8; names must be unique (inside repeat, use a template such as 'box-{id}')
$E/names.yaml:22:45: error: no box is named 'box-c'
hint: did you mean 'box-a'?
$E/names.yaml:27:9: error: the connector joins 'box-b' and 'other', which are on different pages" \
	-- "$KH" build "$E/names.yaml" -o "$TMP/names.pdf"

expect_run "engine errors: master content on three pages: a page box with a master box's name, a master connector to page content, each said once" 1 \
"$E/master-names.yaml:8:15: error: the name 'logo' is already used
hint: it names the box at $E/master-names.yaml:20; names must be unique (inside repeat, use a template such as 'box-{id}')
$E/master-names.yaml:11:44: error: 'side' names a box of page content; a connector in a master joins boxes of the master's content
hint: move the connector to the page's content, or the box to the master's" \
	-- "$KH" check "$E/master-names.yaml"

expect_run "engine errors: a table that does not fit its height" 1 \
"$E/table.yaml:6:9: error: table does not fit its frame on page 1; it stops before row 2 of 2 ('b')
hint: give the table more room, or let it stack on the page without a height" \
	-- "$KH" check "$E/table.yaml"

expect_run "engine errors: chart data, at the CSV cells" 1 \
"$E/nodes.csv:4:1: error: the node id 'a' is used twice
$E/nodes.csv:6:5: error: 'x' is not a grid column (a whole number from 0)
$E/nodes.csv:7:5: error: the node 'e' has no col
hint: give every node its grid cell (col and row, from 0), or use layout: auto
$E/edges.csv:3:3: error: no node has the id 'zz'
$E/edges.csv:5:7: error: unknown side 'middle'
hint: use top, right, bottom, left, or leave it empty
$E/nodes.csv:5:5: error: the node 'c' is outside the chart's grid (3 columns, 1 row)
hint: columns and rows count from 0; raise the chart's columns or rows, or move the node" \
	-- "$KH" check "$E/chart.yaml"

expect_run "engine errors: node classes node-styles lacks, at the CSV cells; a node-class column the table lacks" 1 \
"$E/class-nodes.csv:2:5: error: unknown node class 'ministy'
hint: did you mean 'ministry'?
$E/class-nodes.csv:3:5: error: unknown node class 'partner'
hint: the chart's node-styles are ministry, international; add 'partner' there, or leave the cell empty
$E/classes.yaml:17:21: error: no column 'type' in '$E/class-nodes.csv'
hint: the columns are 'id', 'label', 'kind', 'col', 'row'" \
	-- "$KH" check "$E/classes.yaml"

expect_run "engine errors: no room for an arrow label is a warning" 0 \
"$E/tight-edges.csv:2:5: warning: no room for the label of the arrow 'a' -> 'b' that covers no box and no other label
hint: make the chart's area larger, move the nodes apart or shorten the label" \
	-- "$KH" build "$E/tight.yaml" -o "$TMP/tight.pdf"
expect_eq "engine errors: ... and the PDF is written" "yes" "$([ -s "$TMP/tight.pdf" ] && echo yes || echo no)"
expect_run "engine errors: ... an error with --strict" 1 \
"$E/tight-edges.csv:2:5: error: no room for the label of the arrow 'a' -> 'b' that covers no box and no other label
hint: make the chart's area larger, move the nodes apart or shorten the label" \
	-- "$KH" build "$E/tight.yaml" -o "$TMP/strict.pdf" --strict
expect_eq "engine errors: ... and no PDF" "no" "$([ -e "$TMP/strict.pdf" ] && echo yes || echo no)"

expect_run "engine errors: an edition the layout does not have" 1 \
"tests/data/engine/locale.yaml:6:1: error: unknown locale 'fr'
hint: the layout's locales are ja, en" -- "$KH" build tests/data/engine/locale.yaml -l fr -o "$TMP/fr.pdf"
