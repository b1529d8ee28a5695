/* csv-gen.c -- writes a CSV table like the ones Japanese offices export
 * (names, readings, addresses, phone numbers, amounts with thousands
 * separators, era dates, remarks that are sometimes quoted, hold commas,
 * doubled quotes, NEC special characters or line breaks) in UTF-8 with CRLF
 * line ends, until it would be at least BYTES long in ENCODING (utf-8 or
 * cp932: the script converts it with iconv).  Deterministic.
 *
 *     csv-gen BYTES ENCODING > file.csv
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 88172645463325252ull;

static unsigned pick(unsigned n)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state % n);
}

#define PICK(a) (a[pick(sizeof(a) / sizeof(a[0]))])

static const char *const surnames[] = {"佐藤", "鈴木", "髙橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林",
                                        "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上", "木村", "林",
                                        "斎藤", "清水", "﨑山", "德永"};
static const char *const given[] = {"太郎", "花子", "一郎", "美咲", "翔太", "陽菜", "大輝", "結衣", "健", "さくら",
                                    "蓮", "葵"};
static const char *const readings[] = {"さとう たろう", "すずき はなこ", "たかはし いちろう", "たなか みさき",
                                       "いとう しょうた", "わたなべ ひな", "やまもと だいき", "なかむら ゆい"};
static const char *const places[] = {"東京都千代田区霞が関", "大阪府大阪市北区中之島", "愛知県名古屋市中区三の丸",
                                     "北海道札幌市中央区北三条西", "福岡県福岡市博多区東公園",
                                     "神奈川県横浜市中区日本大通"};
static const char *const remarks[] = {"", "", "", "要確認", "\"№1 ①②、㈱テスト\"", "\"窓口で受付, 郵送済み\"",
                                      "\"「至急」と\"\"朱書き\"\"\"", "\"一行目\r\n二行目\"", "再交付 ～ 3月"};

/* Bytes of s in CP932: ASCII one, every other character here two. */
static size_t cp932_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x80)
			n++;
		else if (c >= 0xC0)
			n += 2;
	}
	return n;
}

int main(int argc, char **argv)
{
	size_t target, done = 0;
	int cp932;
	char row[1024];
	if (argc != 3 || (strcmp(argv[2], "utf-8") && strcmp(argv[2], "cp932"))) {
		fputs("usage: csv-gen BYTES utf-8|cp932\n", stderr);
		return 2;
	}
	target = strtoull(argv[1], NULL, 10);
	cp932 = !strcmp(argv[2], "cp932");
	strcpy(row, "番号,氏名,ふりがな,住所,電話番号,金額,受付日,備考\r\n");
	for (unsigned long n = 1; done < target; n++) {
		unsigned amount = pick(5000000);
		fputs(row, stdout);
		done += cp932 ? cp932_len(row) : strlen(row);
		snprintf(row, sizeof row, "%lu,%s %s,%s,%s%u丁目%u番%u号,0%u-%04u-%04u,\"%u,%03u\",令和%u年%u月%u日,%s\r\n",
		         n, PICK(surnames), PICK(given), PICK(readings), PICK(places), 1 + pick(9), 1 + pick(30),
		         1 + pick(20), 3 + pick(6), pick(10000), pick(10000), amount / 1000 ? amount / 1000 : 1,
		         amount % 1000, 1 + pick(6), 1 + pick(12), 1 + pick(28), PICK(remarks));
	}
	return 0;
}
