package scaffold

// words are the sample texts of one language.
type words struct {
	Language, Timezone                                   string
	SiteTitle, Description, HomeIntro                    string
	CompanyName, CompanyAddress, CompanyPhone, Copyright string
	ICP                                                  string // placeholder; "" leaves the key commented out
	Menu                                                 []menuItem
	SectionTitle, SectionDescription, SectionAuthor      string
	SectionIntro                                         string
	articleBody                                          string // body of a new article
}

type menuItem struct{ Name, URL string }

func wordsFor(l Lang) *words {
	if l == English {
		return &english
	}
	return &chinese
}

var chinese = words{
	Language:       "zh-CN",
	Timezone:       "Asia/Shanghai",
	SiteTitle:      "示例公司新闻",
	Description:    "示例文化交流有限公司的公司新闻、活动与公告。",
	HomeIntro:      "欢迎访问示例文化交流有限公司新闻网站。这段简介写在 `content/_index.md` 的设置之后，请换成贵公司的介绍。",
	CompanyName:    "示例文化交流有限公司",
	CompanyAddress: "北京市示例区示例路 1 号示例大厦 1001 室",
	CompanyPhone:   "+86 10 0000 0000",
	Copyright:      "© {year} 示例文化交流有限公司 版权所有",
	ICP:            "京ICP备00000000号-1",
	Menu: []menuItem{
		{"新闻", "/news/"}, {"归档", "/archives/"}, {"标签", "/tags/"},
	},
	SectionTitle:       "公司新闻",
	SectionDescription: "公司动态、活动与公告。",
	SectionAuthor:      "新闻中心",
	SectionIntro:       "公司的最新动态。这段简介写在 `content/news/_index.md` 里。",
	articleBody:        "在这里撰写正文。第一段是列表页上的摘要。\n\n写完后删掉 `draft: true` 这一行，文章才会发布；之前可以用 `bulletin serve --drafts` 预览。\n",
}

var english = words{
	Language:       "en",
	Timezone:       "UTC",
	SiteTitle:      "Example Co. News",
	Description:    "News, events and notices from Example Co., Ltd.",
	HomeIntro:      "Welcome to the news site of Example Co., Ltd. This introduction is the text after the settings in `content/_index.md`: replace it with your own.",
	CompanyName:    "Example Co., Ltd.",
	CompanyAddress: "1 Example Road, Example City",
	CompanyPhone:   "+1 555 0100",
	Copyright:      "© {year} Example Co., Ltd. All rights reserved.",
	Menu: []menuItem{
		{"News", "/news/"}, {"Archives", "/archives/"}, {"Tags", "/tags/"},
	},
	SectionTitle:       "Company news",
	SectionDescription: "Company news, events and notices.",
	SectionAuthor:      "Newsroom",
	SectionIntro:       "The latest from the company. This introduction is in `content/news/_index.md`.",
	articleBody:        "Write the article here. Its first paragraph is the summary on list pages.\n\nDelete the `draft: true` line to publish it; until then, preview it with `bulletin serve --drafts`.\n",
}
