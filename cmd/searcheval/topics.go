package main

// A topic is one article of the generated library site, in Chinese and
// in English: its own subject and words, so that a reader's query has
// articles it plainly should find (the labels in testdata/library.txt
// were decided by reading these texts).
type topic struct {
	slug, section    string
	titleZH, titleEN string
	tagsZH, tagsEN   []string
	zh, en           []string // paragraphs
}

var topics = []topic{
	{
		slug: "rare-book-restoration", section: "news",
		titleZH: "古籍修复室完成清代地方志修复", titleEN: "Restoration Studio Finishes Work on Qing Dynasty Local Gazetteers",
		tagsZH: []string{"古籍", "馆藏"}, tagsEN: []string{"rare books", "collections"},
		zh: []string{
			"经过十四个月的工作，图书馆古籍修复室完成了一套清代《滨江县志》的修复。这套地方志共十二册，入藏时纸张酸化发脆，多处虫蛀、霉斑和水渍，部分书页已经粘连成块。",
			"修复师先为每一页拍照建档，再用温水和宣纸逐页揭开粘连的书页，用小麦淀粉浆糊和染色的构皮纸补好虫洞，最后重新按原样线装。整个过程不使用任何化学胶水，以便将来可以再次拆开修复。",
			"修复后的县志将存放在恒温恒湿的古籍书库，读者可以在古籍阅览室预约查看高清影像，原书只在每年的古籍保护日展出一次。",
		},
		en: []string{
			"After fourteen months of work, the library's restoration studio has finished restoring a twelve-volume set of the Qing dynasty Binjiang County Gazetteer. When the set arrived its paper was acidic and brittle, with wormholes, mould spots and water stains, and some leaves had stuck together in blocks.",
			"The conservators photographed every leaf, separated the stuck pages with warm water and tissue, filled the wormholes with dyed mulberry paper and wheat-starch paste, and rebound the volumes with thread as they were. No synthetic glue was used, so the books can be taken apart again in the future.",
			"The restored gazetteers are kept in the climate-controlled rare book store. Readers can book a session in the rare books reading room to view high-resolution scans; the originals go on display once a year on Heritage Preservation Day.",
		},
	},
	{
		slug: "picture-book-club", section: "events",
		titleZH: "周六绘本俱乐部：三至六岁亲子共读", titleEN: "Saturday Picture Book Club for Children Aged Three to Six",
		tagsZH: []string{"少儿", "亲子阅读"}, tagsEN: []string{"children", "family reading"},
		zh: []string{
			"少儿阅览区每周六上午十点举办绘本俱乐部，适合三至六岁的孩子和家长一起参加。每次由馆员朗读两本绘本，再带孩子们做一个与故事有关的小手工。",
			"本季的主题是“动物朋友”，书单包括《好饿的毛毛虫》《猜猜我有多爱你》等经典绘本，也有本地作者画的长江江豚故事。",
			"每场限二十个家庭，请提前在公众号报名。参加满八次的孩子可以领取一枚“小小读书人”徽章。",
		},
		en: []string{
			"Every Saturday at ten the children's area hosts a picture book club for children aged three to six and their parents. A librarian reads two picture books aloud, then the children make a small craft linked to the story.",
			"This season's theme is animal friends, with classics such as The Very Hungry Caterpillar and Guess How Much I Love You, and a story about the Yangtze finless porpoise drawn by a local illustrator.",
			"Each session takes twenty families; please register in advance. Children who attend eight sessions receive a Little Reader badge.",
		},
	},
	{
		slug: "python-for-seniors", section: "events",
		titleZH: "银龄编程课：六十岁以上读者的 Python 入门", titleEN: "Python for Seniors: A First Programming Course for Readers over Sixty",
		tagsZH: []string{"培训", "数字技能"}, tagsEN: []string{"courses", "digital skills"},
		zh: []string{
			"图书馆电子阅览室将开设面向六十岁以上读者的 Python 编程入门课，共八周，每周二下午上课。课程不要求任何编程基础，只需会用鼠标和键盘。",
			"课程从打印一句问候开始，逐步学习变量、循环和函数，最后每位学员会写出一个小程序：用 Python 整理自己的家庭相册，或者计算每月的水电费。",
			"授课老师是退休的中学信息技术教师，每班另有两名大学生志愿者做助教。教室提供电脑，学员也可以带自己的笔记本电脑。",
		},
		en: []string{
			"The library's computer room is starting an eight-week introduction to Python programming for readers over sixty, every Tuesday afternoon. No previous programming experience is needed, only the ability to use a mouse and keyboard.",
			"The course starts with printing a greeting and goes on to variables, loops and functions. By the end every learner writes a small program of their own: one that sorts a family photo album, or one that adds up the monthly utility bills.",
			"The teacher is a retired secondary school computing teacher, helped in each class by two university student volunteers. Computers are provided, and learners may bring their own laptops.",
		},
	},
	{
		slug: "old-streets-photography", section: "events",
		titleZH: "“老街记忆”摄影展在一楼展厅开幕", titleEN: "Old Streets Photography Exhibition Opens in the Ground-Floor Gallery",
		tagsZH: []string{"展览", "摄影"}, tagsEN: []string{"exhibitions", "photography"},
		zh: []string{
			"“老街记忆”摄影展今天在图书馆一楼展厅开幕，展出一百二十幅黑白和彩色照片，记录了滨江老城区从上世纪七十年代到今天的街巷变迁。",
			"照片大多来自市民投稿，有人拍下了已经拆除的码头和石板路，有人把同一个街角在四十年间的样子并排放在一起。展览还复原了一间老照相馆，观众可以穿上旧式服装拍一张合影。",
			"展期至下月底，免费参观。摄影师将在两个周末的下午到场，讲述照片背后的故事。",
		},
		en: []string{
			"The Old Streets photography exhibition opened today in the library's ground-floor gallery, with one hundred and twenty black-and-white and colour photographs of Binjiang's old town from the 1970s to the present.",
			"Most of the photographs were sent in by residents: one shows a ferry pier and stone-paved lane that have since been demolished, another sets the same street corner side by side across forty years. The exhibition also recreates an old photo studio where visitors can dress up and have a group portrait taken.",
			"The exhibition runs until the end of next month and admission is free. Photographers will be in the gallery on two weekend afternoons to tell the stories behind their pictures.",
		},
	},
	{
		slug: "library-app", section: "news",
		titleZH: "“掌上图书馆”手机应用上线，扫码即可借书", titleEN: "Library App Launches: Borrow Books by Scanning a Code on Your Phone",
		tagsZH: []string{"数字服务", "借阅"}, tagsEN: []string{"digital services", "borrowing"},
		zh: []string{
			"图书馆的手机应用“掌上图书馆”今天正式上线。读者用读者证号登录后，可以查询馆藏、续借图书、预约新书，并在书架旁扫描图书背面的条形码直接完成借阅，不必再到服务台排队。",
			"应用还提供电子读者证，忘带实体卡时出示手机上的二维码即可入馆。借阅到期前三天，应用会发送提醒。",
			"应用支持安卓和苹果手机，可在各大应用商店搜索“滨江图书馆”下载。使用中遇到问题，可以在应用内的“意见反馈”留言。",
		},
		en: []string{
			"The library's mobile app went live today. After signing in with their library card number, readers can search the catalogue, renew loans, reserve new titles, and borrow a book at the shelf by scanning the barcode on its back cover, without queueing at the desk.",
			"The app also carries a digital library card: readers who forget their plastic card can show the QR code on their phone at the entrance. The app sends a reminder three days before a loan is due.",
			"The app runs on Android and iPhone; search for Binjiang Library in the app stores. Problems can be reported through the feedback page inside the app.",
		},
	},
	{
		slug: "book-return-machine", section: "notices",
		titleZH: "北门新增 24 小时自助还书机", titleEN: "New 24-Hour Self-Service Book Return Machine at the North Entrance",
		tagsZH: []string{"借阅", "服务设施"}, tagsEN: []string{"borrowing", "facilities"},
		zh: []string{
			"为方便下班较晚的读者，图书馆在北门外安装了一台 24 小时自助还书机。闭馆后把图书放进还书口，机器会自动识别图书并打印还书凭条。",
			"还书机只接收本馆图书，光盘、期刊合订本和馆际互借的图书请在开馆时间到服务台归还。还书记录一般在次日上午更新。",
			"如果还书机显示故障，请不要把书放在门口，可以拨打值班电话，或第二天开馆后再还。",
		},
		en: []string{
			"For readers who finish work late, the library has installed a 24-hour self-service book return machine outside the north entrance. After closing time, put books into the slot: the machine recognises each one and prints a return receipt.",
			"The machine takes the library's own books only. Please return DVDs, bound journals and interlibrary loans at the desk during opening hours. Returns are usually recorded by the next morning.",
			"If the machine shows a fault, please do not leave books at the door: call the duty phone, or return them the next day.",
		},
	},
	{
		slug: "chess-tournament", section: "events",
		titleZH: "第五届青少年国际象棋公开赛报名开始", titleEN: "Entries Open for the Fifth Youth Chess Open",
		tagsZH: []string{"比赛", "少儿"}, tagsEN: []string{"competitions", "children"},
		zh: []string{
			"第五届滨江青少年国际象棋公开赛将于暑假在图书馆多功能厅举行，分为十岁以下组、十四岁以下组和十八岁以下组，每组进行七轮瑞士制比赛。",
			"比赛采用每方二十五分钟加每步十秒的快棋赛制。各组前三名获得奖杯和图书卡，所有参赛者都可以领取一本国际象棋残局练习册。",
			"报名截止到七月十日，名额共九十六人。赛前一周，图书馆还会举办两场免费的开局讲座。",
		},
		en: []string{
			"The fifth Binjiang Youth Chess Open will be held this summer in the library's multi-purpose hall, in under-10, under-14 and under-18 sections, each playing seven rounds on the Swiss system.",
			"Games are rapid chess, twenty-five minutes per player plus ten seconds per move. The top three in each section receive a trophy and a book voucher, and every player takes home a workbook of chess endgames.",
			"Entries close on 10 July, with ninety-six places in all. In the week before the tournament the library hosts two free talks on openings.",
		},
	},
	{
		slug: "weiqi-club", section: "events",
		titleZH: "围棋角每周三晚开放，欢迎初学者", titleEN: "Weiqi Corner Opens on Wednesday Evenings, Beginners Welcome",
		tagsZH: []string{"棋类", "兴趣小组"}, tagsEN: []string{"board games", "clubs"},
		zh: []string{
			"图书馆三楼的围棋角每周三晚上七点至九点开放，棋盘棋子由图书馆提供。业余五段的志愿者老师会为初学者讲解吃子、做眼和死活的基本规则。",
			"围棋角旁边的书架上有一百多本棋谱和围棋入门书，读者可以当场翻阅，也可以借回家打谱。",
			"每月最后一个周三举行一次友谊赛，不分年龄和段位，按让子的方式对局。",
		},
		en: []string{
			"The weiqi corner on the library's third floor is open every Wednesday evening from seven to nine, with boards and stones provided. A volunteer teacher with an amateur 5-dan rank explains the basic rules of capturing, making eyes and life and death to beginners.",
			"Beside the corner stands a shelf of over a hundred game records and beginner's books on weiqi, also known in English as the game of Go, to read on the spot or borrow and replay at home.",
			"On the last Wednesday of every month there is a friendly tournament open to all ages and ranks, played with handicap stones.",
		},
	},
	{
		slug: "oral-history-project", section: "news",
		titleZH: "“江边人家”口述历史项目征集讲述者", titleEN: "Riverside Families Oral History Project Seeks Storytellers",
		tagsZH: []string{"地方文献", "口述历史"}, tagsEN: []string{"local history", "oral history"},
		zh: []string{
			"地方文献部启动“江边人家”口述历史项目，计划用两年时间录下一百位老居民的讲述，内容包括渡口、纺织厂、江堤和老菜市场的日常生活。",
			"每次访谈约两小时，由受过培训的志愿者在讲述者家中或图书馆录音室录音录像，整理成文字稿后请讲述者本人审阅。",
			"如果您在滨江生活超过五十年，或者家里保存着老照片、老票证和书信，欢迎联系地方文献部。录音和文稿将永久保存在图书馆的地方文献库。",
		},
		en: []string{
			"The local history department has begun the Riverside Families oral history project: over two years it will record one hundred older residents talking about daily life at the ferry crossings, the textile mill, the river embankment and the old food market.",
			"Each interview lasts about two hours and is recorded, in sound and video, by trained volunteers in the storyteller's home or the library's recording room. The transcript is checked by the storyteller before it is kept.",
			"If you have lived in Binjiang for more than fifty years, or your family keeps old photographs, ration coupons or letters, please contact the local history department. Recordings and transcripts will be kept permanently in the library's local history archive.",
		},
	},
	{
		slug: "summer-reading-challenge", section: "events",
		titleZH: "暑期阅读挑战赛：读满二十本书赢取奖章", titleEN: "Summer Reading Challenge: Read Twenty Books to Win a Medal",
		tagsZH: []string{"少儿", "阅读推广"}, tagsEN: []string{"children", "reading"},
		zh: []string{
			"暑期阅读挑战赛面向七至十四岁的中小学生，七月一日开始，八月三十一日结束。参加者在阅读护照上记录读过的每一本书，并写一句话的读后感。",
			"读满十本书可以获得铜章，十五本获得银章，二十本获得金章。完成挑战的同学将受邀参加九月的颁奖会，并有机会和儿童文学作家合影。",
			"阅读护照可以在少儿借阅台领取，也可以在手机应用里使用电子版。",
		},
		en: []string{
			"The summer reading challenge is for schoolchildren aged seven to fourteen, from 1 July to 31 August. Each participant records every book they finish in a reading passport, with one sentence about what they thought of it.",
			"Ten books earn a bronze medal, fifteen a silver and twenty a gold. Everyone who completes the challenge is invited to the award ceremony in September, with a chance to meet a children's author.",
			"Reading passports are available at the children's lending desk, or in digital form in the library app.",
		},
	},
	{
		slug: "braille-reading-room", section: "news",
		titleZH: "无障碍阅览室启用，新增盲文图书和听书设备", titleEN: "Accessible Reading Room Opens with Braille Books and Audio Players",
		tagsZH: []string{"无障碍", "服务设施"}, tagsEN: []string{"accessibility", "facilities"},
		zh: []string{
			"一楼无障碍阅览室今天启用，室内配有盲文图书两千余册、盲文点显器、助视器和智能听书机，视障读者可以在馆员帮助下免费使用。",
			"听书机预装了五百多部有声书，读者可以外借回家，借期一个月。阅览室还提供盲文打印服务，视障学生的课本和考试资料可以预约打印。",
			"从盲道到阅览室的路线已经重新铺设，电梯也增加了语音播报。需要陪同的读者可以提前一天电话预约志愿者。",
		},
		en: []string{
			"The accessible reading room on the ground floor opens today, with over two thousand braille books, a refreshable braille display, magnifiers and talking book players that blind and partially sighted readers can use free of charge with a librarian's help.",
			"The audio players hold more than five hundred audiobooks and can be borrowed for a month. The room also offers braille printing: textbooks and exam papers for visually impaired students can be printed on request.",
			"The tactile paving from the street to the room has been relaid, and the lifts now announce each floor. Readers who would like a volunteer guide can book one by phone a day ahead.",
		},
	},
	{
		slug: "documentary-screenings", section: "events",
		titleZH: "周末纪录片放映：长江系列", titleEN: "Weekend Documentary Screenings: The Yangtze Series",
		tagsZH: []string{"电影", "放映"}, tagsEN: []string{"film", "screenings"},
		zh: []string{
			"本月每个周日下午两点，报告厅放映纪录片“长江系列”，依次是讲述源头冰川、三峡工程、江豚保护和河口湿地的四部影片。",
			"每场放映结束后，会邀请一位学者或导演与观众交流。座位一百五十个，先到先得，无需报名。",
			"影片的光盘和相关图书同时陈列在报告厅门口，读者可以直接借阅。",
		},
		en: []string{
			"Every Sunday at two this month the lecture hall screens the Yangtze documentary series: four films on the glaciers at the source, the Three Gorges project, the protection of the finless porpoise and the wetlands of the estuary.",
			"After each screening a researcher or the director stays to talk with the audience. The hall seats one hundred and fifty, first come first served; no registration is needed.",
			"DVDs of the films and related books are on display at the door of the hall and can be borrowed straight away.",
		},
	},
	{
		slug: "job-seekers-workshop", section: "events",
		titleZH: "求职工作坊：简历写作与模拟面试", titleEN: "Job Seekers' Workshop: CV Writing and Mock Interviews",
		tagsZH: []string{"就业", "讲座"}, tagsEN: []string{"careers", "talks"},
		zh: []string{
			"图书馆与市人才服务中心合作举办求职工作坊，帮助应届毕业生和正在换工作的读者写好简历、准备面试。",
			"上半场由人力资源经理讲解简历中最常见的问题，参加者可以带上自己的简历现场修改；下半场进行一对一模拟面试，每人十五分钟，并得到书面反馈。",
			"工作坊每月举办一次，名额三十人。图书馆的职业资料区还有公务员考试、教师资格证和各类职业证书的备考书籍。",
		},
		en: []string{
			"Together with the city's employment service centre, the library runs a job seekers' workshop to help new graduates and people changing jobs write a good CV and prepare for interviews.",
			"In the first half a human resources manager goes through the commonest mistakes in a CV, and participants can bring their own résumé to revise on the spot. In the second half everyone has a fifteen-minute one-to-one mock interview with written feedback.",
			"The workshop runs once a month for thirty people. The library's careers shelves also hold study guides for the civil service exam, teaching certificates and other professional qualifications.",
		},
	},
	{
		slug: "rainstorm-closure", section: "notices",
		titleZH: "受暴雨影响，图书馆明日临时闭馆", titleEN: "Library Closed Tomorrow Because of the Rainstorm Warning",
		tagsZH: []string{"闭馆通知", "天气"}, tagsEN: []string{"closures", "weather"},
		zh: []string{
			"市气象台发布暴雨红色预警，江边低洼路段可能出现积水，防汛部门要求沿江公共场所暂停开放。图书馆决定明日全天临时闭馆。",
			"闭馆期间到期的图书将自动延期七天，不会产生逾期记录。已预约的讲座和活动将另行通知新的时间。",
			"请读者注意出行安全，远离江堤和地下通道。恢复开放的时间将在公众号和网站上公布。",
		},
		en: []string{
			"The city weather service has issued a red rainstorm warning. Low-lying roads by the river may flood, and the flood control office has asked public buildings along the river to close. The library will therefore be closed all day tomorrow.",
			"Loans due during the closure are extended by seven days automatically and will not count as overdue. New dates for booked talks and activities will be announced.",
			"Please take care when travelling and keep away from the embankment and underpasses. The reopening time will be posted on this website.",
		},
	},
	{
		slug: "reading-room-renovation", section: "notices",
		titleZH: "二楼社科阅览室装修改造，暂停开放三个月", titleEN: "Second-Floor Social Sciences Reading Room Closes for Three Months of Renovation",
		tagsZH: []string{"闭馆通知", "服务设施"}, tagsEN: []string{"closures", "facilities"},
		zh: []string{
			"二楼社科阅览室将从下周一起装修改造，预计暂停开放三个月。改造后阅览座位从一百二十个增加到二百个，每个座位都配有电源插座和阅读灯。",
			"装修期间，社科类图书的借还改到一楼服务台办理，常用工具书和报刊临时搬到四楼自习区。",
			"施工时间为工作日上午九点至下午五点，可能有噪音，需要安静环境的读者请选择五楼的静音自习室。",
		},
		en: []string{
			"The social sciences reading room on the second floor closes for renovation from next Monday, for about three months. Afterwards it will have two hundred seats instead of one hundred and twenty, each with a power socket and a reading lamp.",
			"During the works, social science books are lent and returned at the ground-floor desk, and reference books, newspapers and magazines move to the study area on the fourth floor.",
			"Building work runs on weekdays from nine to five and may be noisy; readers who need quiet can use the silent study room on the fifth floor.",
		},
	},
	{
		slug: "astronomy-night", section: "events",
		titleZH: "屋顶天文观测之夜：一起看月全食", titleEN: "Astronomy Night on the Roof: Watch the Total Lunar Eclipse",
		tagsZH: []string{"科普", "天文"}, tagsEN: []string{"science", "astronomy"},
		zh: []string{
			"本月十五日晚将发生月全食。图书馆与市天文爱好者协会在屋顶平台举办天文观测之夜，架设六台天文望远镜，供读者免费观测。",
			"月食的初亏约在晚上八点，食甚时月亮会变成暗红色。协会成员会讲解月食的成因，并教大家用手机通过望远镜目镜拍摄月亮。",
			"如遇阴雨天气，活动改为在报告厅观看直播并举办星空讲座。请穿保暖衣物，十二岁以下儿童须由家长陪同。",
		},
		en: []string{
			"There is a total lunar eclipse on the night of the fifteenth. The library and the city's amateur astronomy society hold an astronomy night on the roof terrace, with six telescopes set up for readers to observe through, free of charge.",
			"The eclipse begins at about eight in the evening, and at its peak the Moon turns a dark red. Society members explain what causes an eclipse and show how to photograph the Moon with a phone held to a telescope eyepiece.",
			"If it is cloudy or raining, the evening moves to the lecture hall with a live stream and a talk on the night sky. Please dress warmly; children under twelve must come with a parent.",
		},
	},
	{
		slug: "rooftop-beekeeping", section: "news",
		titleZH: "屋顶花园的蜜蜂迎来第一次收蜜", titleEN: "First Honey Harvest from the Rooftop Garden's Bees",
		tagsZH: []string{"环保", "科普"}, tagsEN: []string{"environment", "science"},
		zh: []string{
			"去年春天，图书馆在屋顶花园放置了两箱中华蜜蜂。经过一年的照料，本周迎来了第一次收蜜，共取出约十五公斤百花蜜。",
			"养蜂由馆员和城市养蜂志愿者共同负责。蜜蜂采集的主要是附近江滩的油菜花、柳树和屋顶种植的薰衣草。",
			"部分蜂蜜将装成小瓶，在世界读书日作为借阅奖励送给读者。图书馆还准备开设城市养蜂讲座，介绍蜜蜂在城市生态中的作用。",
		},
		en: []string{
			"Last spring the library placed two hives of Chinese honeybees in its rooftop garden. After a year of care, this week brought the first honey harvest: about fifteen kilograms of wildflower honey.",
			"The bees are kept by librarians together with volunteer urban beekeepers. They forage mainly on rapeseed flowers and willows along the river beach and on the lavender planted on the roof.",
			"Some of the honey will be put into small jars and given to readers as a borrowing reward on World Book Day. The library also plans a talk on urban beekeeping and the part bees play in a city's ecology.",
		},
	},
	{
		slug: "tang-poetry-recital", section: "events",
		titleZH: "中秋唐诗朗诵会邀您登台", titleEN: "Mid-Autumn Tang Poetry Recital Invites Readers to the Stage",
		tagsZH: []string{"诗歌", "节日"}, tagsEN: []string{"poetry", "festivals"},
		zh: []string{
			"中秋节前夜，图书馆将在中庭举办唐诗朗诵会，主题是“明月”。李白的《静夜思》、张九龄的《望月怀远》和杜甫的《月夜忆舍弟》都在朗诵篇目之中。",
			"任何年龄的读者都可以报名登台，可以独诵，也可以全家合诵。现场有古琴伴奏，朗诵结束后大家一起分月饼、猜灯谜。",
			"报名时请写明朗诵的诗题，每个节目不超过三分钟。",
		},
		en: []string{
			"On the eve of the Mid-Autumn Festival the library holds a Tang poetry recital in the atrium, on the theme of the bright moon. Li Bai's Quiet Night Thoughts, Zhang Jiuling's Gazing at the Moon and Du Fu's Moonlit Night Thinking of My Brothers are among the poems.",
			"Readers of any age may sign up to recite, alone or as a family. A guqin player accompanies the readings, and afterwards everyone shares mooncakes and guesses lantern riddles.",
			"When you sign up, please give the title of your poem; each turn lasts at most three minutes.",
		},
	},
	{
		slug: "english-corner", section: "events",
		titleZH: "英语角每周五晚在咖啡区举行", titleEN: "English Corner Every Friday Evening in the Café",
		tagsZH: []string{"外语", "兴趣小组"}, tagsEN: []string{"languages", "clubs"},
		zh: []string{
			"图书馆咖啡区每周五晚上七点举办英语角，由外籍志愿者和英语教师轮流主持，每次围绕一个话题展开自由对话，比如旅行、美食和电影。",
			"英语角不分水平，初学者可以坐在“慢速桌”，主持人会放慢语速并帮忙解释生词。",
			"参加英语角无需报名，饮品自理。馆内外语图书区还有分级英语读物和雅思、托福备考资料。",
		},
		en: []string{
			"Every Friday at seven in the evening the library café hosts an English corner, led in turn by volunteer native speakers and English teachers, with free conversation around one topic each week, such as travel, food or films.",
			"All levels are welcome: beginners can sit at the slow table, where the host speaks slowly and explains new words.",
			"No registration is needed; drinks are at your own cost. The foreign languages section also holds graded English readers and IELTS and TOEFL preparation books.",
		},
	},
	{
		slug: "japanese-beginners", section: "events",
		titleZH: "日语入门班秋季招生：从五十音图学起", titleEN: "Japanese for Beginners: Autumn Class Starts with the Kana",
		tagsZH: []string{"外语", "培训"}, tagsEN: []string{"languages", "courses"},
		zh: []string{
			"日语入门班秋季班开始招生，共十二次课，每周六下午上课，从平假名、片假名五十音图学起，结束时能够用日语做简单的自我介绍和问路。",
			"任课老师曾在日本留学六年，课堂上会穿插日本的节日、饮食和动漫文化。教材由图书馆提供，课后可以在外语区借阅配套的听力材料。",
			"每班二十人，学费全免，但缺课超过三次将取消下一期的报名资格。",
		},
		en: []string{
			"Enrolment is open for the autumn Japanese for beginners class: twelve lessons on Saturday afternoons, starting with the hiragana and katakana syllabaries. By the end learners can introduce themselves and ask the way in Japanese.",
			"The teacher studied in Japan for six years and weaves in Japanese festivals, food and anime along the way. The textbook is provided, and the listening materials that go with it can be borrowed from the foreign languages section.",
			"Each class takes twenty learners and is free, but anyone who misses more than three lessons loses their place for the next term.",
		},
	},
	{
		slug: "maker-space-3d-printing", section: "news",
		titleZH: "创客空间开放 3D 打印机预约", titleEN: "Maker Space Opens Its 3D Printers for Booking",
		tagsZH: []string{"创客", "数字技能"}, tagsEN: []string{"makers", "digital skills"},
		zh: []string{
			"四楼创客空间的三台 3D 打印机开始对持证读者开放预约，每人每周可预约两小时。打印材料为可降解的 PLA 线材，每克收费一角。",
			"首次使用前需要参加一小时的安全培训，学习建模软件的基本操作和打印机的注意事项。创客空间还有激光切割机、电烙铁和开源硬件套件。",
			"每月第二个周日举办“创客开放日”，中学生可以带着自己的设计来打印，工作人员会帮忙修改模型。",
		},
		en: []string{
			"The three 3D printers in the maker space on the fourth floor can now be booked by card holders, up to two hours a week each. Printing uses biodegradable PLA filament at ten fen a gram.",
			"Before first use everyone takes a one-hour safety induction covering the basics of the modelling software and the printer. The maker space also has a laser cutter, soldering irons and open hardware kits.",
			"On the second Sunday of each month there is a maker open day when secondary school students can bring their own designs to print, with staff helping to fix their models.",
		},
	},
	{
		slug: "overdue-fines-amnesty", section: "notices",
		titleZH: "读书月期间逾期罚款全部减免", titleEN: "Overdue Fines Waived During Reading Month",
		tagsZH: []string{"借阅", "读书月"}, tagsEN: []string{"borrowing", "reading month"},
		zh: []string{
			"为鼓励读者把长期未还的图书带回图书馆，读书月期间归还的逾期图书一律免收逾期罚款，已经产生的欠款也将一并清零。",
			"过去一年，有近三千册图书逾期超过半年未还。很多读者告诉我们，因为担心罚款太多而不好意思来还书。",
			"减免只适用于归还原书，遗失图书仍需按规定赔偿。读书月结束后，逾期费恢复为每册每天一角。",
		},
		en: []string{
			"To encourage readers to bring long-overdue books back, all overdue fines are waived for books returned during Reading Month, and existing fines will be cleared as well.",
			"Over the past year nearly three thousand books were more than six months late. Many readers told us they felt too embarrassed to come back because of the fines they owed.",
			"The waiver applies to books that are returned; lost books must still be paid for. After Reading Month the late fee goes back to ten fen per book per day.",
		},
	},
	{
		slug: "volunteer-recruitment", section: "notices",
		titleZH: "图书馆招募周末志愿者", titleEN: "Library Recruits Weekend Volunteers",
		tagsZH: []string{"志愿者", "招募"}, tagsEN: []string{"volunteers", "recruitment"},
		zh: []string{
			"图书馆招募周末志愿者三十名，主要工作包括整理书架、引导读者、协助少儿活动和无障碍阅览室的陪同服务。",
			"志愿者须年满十六周岁，每月至少服务两次，每次半天。服务满一百小时可获得图书馆颁发的志愿服务证书，并享有每次多借五本书的优待。",
			"报名请填写志愿者申请表，面试合格后参加岗前培训。",
		},
		en: []string{
			"The library is recruiting thirty weekend volunteers to shelve books, guide visitors, help with children's activities and accompany readers in the accessible reading room.",
			"Volunteers must be sixteen or older and give at least two half-days a month. After a hundred hours of service volunteers receive a certificate from the library and may borrow five more books at a time.",
			"To apply, fill in the volunteer application form; applicants who pass an interview then attend a training session.",
		},
	},
	{
		slug: "newspaper-digitisation", section: "news",
		titleZH: "百年老报纸数字化完成，可在线全文检索", titleEN: "A Century of Local Newspapers Digitised and Searchable Online",
		tagsZH: []string{"地方文献", "数字服务"}, tagsEN: []string{"local history", "digital services"},
		zh: []string{
			"历时三年，图书馆完成了馆藏《滨江日报》及其前身报纸从一九二三年至二零零零年的数字化，共扫描四十多万版。",
			"所有版面都经过文字识别，读者在数字资源平台输入人名、地名或事件，就能找到当年的报道，并查看原版图像。",
			"由于早期报纸纸张脆弱，原件今后不再提供翻阅。家谱研究者和学生可以在地方文献部预约专人帮助检索。",
		},
		en: []string{
			"After three years of work the library has digitised the Binjiang Daily and the newspapers that preceded it, from 1923 to 2000: more than four hundred thousand pages in all.",
			"Every page has been through text recognition, so readers can type a name, a place or an event into the digital resources platform to find the reports of the day and view the original page images.",
			"Because the early newsprint is fragile, the originals will no longer be handled. Family historians and students can book help with searching at the local history department.",
		},
	},
	{
		slug: "tax-filing-help", section: "events",
		titleZH: "个税年度汇算咨询服务进图书馆", titleEN: "Help with the Annual Income Tax Return at the Library",
		tagsZH: []string{"便民服务", "讲座"}, tagsEN: []string{"public services", "talks"},
		zh: []string{
			"三月至六月是个人所得税年度汇算的时间。税务局的工作人员每周四下午在图书馆一楼大厅设立咨询台，帮助读者用手机完成个税申报。",
			"咨询内容包括专项附加扣除的填报，例如子女教育、赡养老人、住房贷款利息和继续教育，以及如何申请退税。",
			"请带上身份证和手机，已安装个人所得税应用的读者可以当场办理。",
		},
		en: []string{
			"March to June is the season for the annual individual income tax return. Staff from the tax bureau hold a help desk in the library's ground-floor hall every Thursday afternoon to help readers file their return on their phones.",
			"They can advise on the special additional deductions, such as children's education, care of elderly parents, mortgage interest and continuing education, and on how to claim a refund.",
			"Please bring your ID card and phone; readers who already have the income tax app installed can file on the spot.",
		},
	},
	{
		slug: "anti-fraud-talk", section: "events",
		titleZH: "防范电信诈骗讲座：守住老年人的钱袋子", titleEN: "Talk on Phone Scams: Keeping Older People's Savings Safe",
		tagsZH: []string{"讲座", "安全"}, tagsEN: []string{"talks", "safety"},
		zh: []string{
			"辖区派出所的民警将在图书馆报告厅为老年读者讲解如何识别电信诈骗，包括冒充公检法、冒充子女借钱、保健品推销和虚假投资理财等常见骗局。",
			"民警会播放真实案例的录音，并教大家三个简单的办法：不轻信陌生来电，不透露验证码，转账前先给家人打电话。",
			"欢迎子女陪同父母一起参加。讲座结束后，志愿者可以帮忙在手机上安装国家反诈中心应用。",
		},
		en: []string{
			"Officers from the local police station will explain to older readers, in the library's lecture hall, how to recognise phone scams: callers pretending to be the police or the courts, fake requests for money from a son or daughter, health product sales and bogus investment schemes.",
			"They will play recordings of real cases and teach three simple rules: do not trust unknown callers, never give out a verification code, and call a family member before any transfer.",
			"Sons and daughters are welcome to come with their parents. After the talk volunteers can help install the national anti-fraud app on phones.",
		},
	},
	{
		slug: "seal-carving-class", section: "events",
		titleZH: "篆刻体验课：刻一方自己的名章", titleEN: "Seal Carving Class: Carve a Name Seal of Your Own",
		tagsZH: []string{"传统文化", "培训"}, tagsEN: []string{"traditional culture", "courses"},
		zh: []string{
			"篆刻体验课由市书法家协会的篆刻家授课，学员将在两个下午里学习篆书的基本笔画、印稿设计和刻刀的用法，最后在青田石上刻出自己的名章。",
			"石料、刻刀和印泥由图书馆提供，完成的印章可以带回家。课程适合十二岁以上的读者。",
			"配合课程，古籍阅览室将展出馆藏明清印谱十余种。",
		},
		en: []string{
			"The seal carving class is taught by a carver from the city calligraphers' association. Over two afternoons learners study the basic strokes of seal script, how to design a seal and how to hold the carving knife, then carve their own name seal in Qingtian stone.",
			"Stones, knives and red seal paste are provided, and learners take their seals home. The class suits readers aged twelve and over.",
			"Alongside the class, the rare books reading room shows more than ten Ming and Qing dynasty seal catalogues from the collection.",
		},
	},
	{
		slug: "piano-concert", section: "events",
		titleZH: "午间钢琴音乐会：肖邦夜曲专场", titleEN: "Lunchtime Piano Concert: Chopin Nocturnes",
		tagsZH: []string{"音乐", "演出"}, tagsEN: []string{"music", "performances"},
		zh: []string{
			"本周五中午十二点十五分，音乐学院的青年钢琴家将在中庭演奏肖邦的六首夜曲，演出约四十分钟。",
			"午间音乐会每月举办一次，欢迎附近的上班族带上午餐来听。音乐图书区同时推出肖邦主题书展，展出乐谱、传记和唱片。",
			"中庭座位有限，也可以在二楼回廊站着欣赏。",
		},
		en: []string{
			"This Friday at a quarter past twelve a young pianist from the conservatory plays six of Chopin's nocturnes in the atrium, for about forty minutes.",
			"The lunchtime concert is held once a month, and people working nearby are welcome to bring their lunch. The music library has a Chopin display of scores, biographies and recordings to go with it.",
			"Seats in the atrium are limited; the second-floor gallery gives a standing view.",
		},
	},
	{
		slug: "book-donation", section: "notices",
		titleZH: "捐书换书活动：旧书送往乡村学校", titleEN: "Book Donation Drive: Second-Hand Books for Village Schools",
		tagsZH: []string{"捐赠", "公益"}, tagsEN: []string{"donations", "charity"},
		zh: []string{
			"图书馆发起捐书活动，欢迎读者把家中闲置的少儿读物、科普书和文学名著捐出来，图书馆将整理后送往山区的十二所乡村小学。",
			"每捐出三本书，可以在换书区挑选一本别人捐赠的书带回家。教材、教辅、杂志和破损严重的图书不在收集范围内。",
			"捐书点设在一楼服务台，开放时间内都可以送来。",
		},
		en: []string{
			"The library has started a book donation drive. Please give children's books, popular science and literary classics you no longer need; the library will sort them and send them to twelve village primary schools in the mountains.",
			"For every three books you donate you can choose one donated book from the swap shelf to take home. Textbooks, workbooks, magazines and badly damaged books cannot be accepted.",
			"Donations can be left at the ground-floor desk at any time during opening hours.",
		},
	},
	{
		slug: "wifi-upgrade", section: "notices",
		titleZH: "馆内无线网络升级，网速提高五倍", titleEN: "Wi-Fi Upgrade Makes the Library's Network Five Times Faster",
		tagsZH: []string{"数字服务", "服务设施"}, tagsEN: []string{"digital services", "facilities"},
		zh: []string{
			"图书馆已完成馆内无线网络的升级，所有楼层换用了新的无线接入点，网速提高到原来的五倍，自习区和报告厅的信号死角也已消除。",
			"读者连接“Binjiang-Library”网络后，用读者证号和密码登录即可上网，每次登录有效四小时。",
			"升级期间的周二晚上可能会有短时间断网，请提前保存正在编辑的文件。",
		},
		en: []string{
			"The library has upgraded its wireless network: every floor has new access points, the connection is five times as fast as before, and the dead spots in the study area and lecture hall are gone.",
			"Connect to the Binjiang-Library network and sign in with your library card number and password; each sign-in lasts four hours.",
			"While the upgrade settles there may be short outages on Tuesday evenings, so please save your work often.",
		},
	},
	{
		slug: "mobile-library-bus", section: "news",
		titleZH: "流动图书车开进乡村，每月两次上门借还", titleEN: "Mobile Library Bus Brings Books to Villages Twice a Month",
		tagsZH: []string{"借阅", "公益"}, tagsEN: []string{"borrowing", "charity"},
		zh: []string{
			"图书馆的流动图书车从本月起开进郊区的八个村子，车上装有三千册图书，每月两次定点停靠，村民可以凭身份证办理读者证并借还图书。",
			"图书车上的书以农业技术、健康养生、少儿绘本和小说为主，村民也可以提前打电话预约想看的书，下次停靠时带来。",
			"停靠时间表贴在各村的村委会公告栏，也可以在图书馆网站查询。",
		},
		en: []string{
			"From this month the library's mobile library bus visits eight villages on the edge of the city. It carries three thousand books and stops at each village twice a month, where villagers can get a library card with their ID and borrow and return books.",
			"The bus stocks mainly farming techniques, health, children's picture books and novels, and villagers can phone ahead to reserve a book for the next visit.",
			"The timetable is posted on each village committee's notice board and on the library website.",
		},
	},
	{
		slug: "board-game-night", section: "events",
		titleZH: "桌游之夜：一百款桌游免费玩", titleEN: "Board Game Night: A Hundred Games to Play for Free",
		tagsZH: []string{"桌游", "兴趣小组"}, tagsEN: []string{"board games", "clubs"},
		zh: []string{
			"每月第一个周六晚上，图书馆活动室变成桌游室。馆藏的一百多款桌游全部拿出来，从卡坦岛、璀璨宝石到适合全家玩的德国心脏病，都有志愿者讲解规则。",
			"桌游之夜适合八岁以上的读者，小朋友须有家长陪同。活动免费，无需报名。",
			"部分桌游也可以外借回家，每次限借一盒，借期一周。",
		},
		en: []string{
			"On the first Saturday evening of each month the activity room becomes a games room. All of the library's hundred-plus board games come out, from Catan and Splendor to the family favourite Halli Galli, with volunteers to explain the rules.",
			"Board game night suits readers aged eight and over; children must come with a parent. It is free and there is no need to register.",
			"Some of the games can also be borrowed, one box at a time for a week.",
		},
	},
	{
		slug: "diabetes-health-talk", section: "events",
		titleZH: "健康讲座：糖尿病的饮食与运动", titleEN: "Health Talk: Diet and Exercise with Diabetes",
		tagsZH: []string{"健康", "讲座"}, tagsEN: []string{"health", "talks"},
		zh: []string{
			"市第一人民医院内分泌科的主任医师将在图书馆讲解糖尿病患者的饮食和运动，包括怎样控制主食、怎样选择水果，以及饭后散步的好处。",
			"讲座后有半小时的问答时间，护士会为到场读者免费测量血糖和血压。",
			"健康图书区同时展出糖尿病和慢性病管理的相关图书。",
		},
		en: []string{
			"A consultant endocrinologist from the city's First People's Hospital explains diet and exercise for people with diabetes: how to manage staple foods, how to choose fruit, and why a walk after meals helps.",
			"The talk is followed by half an hour of questions, and nurses offer free blood sugar and blood pressure checks.",
			"The health section has a display of books on diabetes and living with chronic illness.",
		},
	},
	{
		slug: "bread-baking-workshop", section: "events",
		titleZH: "烘焙工作坊：在家做一个全麦面包", titleEN: "Baking Workshop: Make a Wholemeal Loaf at Home",
		tagsZH: []string{"生活", "工作坊"}, tagsEN: []string{"home life", "workshops"},
		zh: []string{
			"生活美学系列的烘焙工作坊请来一位面包师，教大家在家用普通烤箱做全麦面包，从揉面、发酵、整形到烘烤，一步步演示。",
			"每位学员都会亲手揉一个面团，带回家发酵后自己烤。面粉、酵母和模具由图书馆准备。",
			"烹饪与烘焙类图书是馆内借阅量最高的生活类图书之一，工作坊现场还会推荐十本烘焙书。",
		},
		en: []string{
			"In the home life series, a baker shows how to make wholemeal bread in an ordinary oven at home, step by step: kneading, proving, shaping and baking.",
			"Every participant kneads a dough of their own to take home, prove and bake. Flour, yeast and tins are provided by the library.",
			"Cookery and baking are among the most borrowed home life books in the library, and the baker recommends ten baking books at the workshop.",
		},
	},
	{
		slug: "science-fiction-author", section: "events",
		titleZH: "科幻作家见面会：我们为什么仰望星空", titleEN: "Meet the Author: A Science Fiction Writer on Why We Look to the Stars",
		tagsZH: []string{"作家", "科幻"}, tagsEN: []string{"authors", "science fiction"},
		zh: []string{
			"本土科幻作家林远将来到图书馆，与读者分享新作长篇小说《江底的星》的创作过程。小说讲述了一座沿江城市在未来洪水中的故事。",
			"作家会谈到科幻小说如何从科学新闻中寻找灵感，以及中国科幻近年来的发展。见面会后有签售环节。",
			"馆内科幻小说专架已经更新，新增了近三年出版的两百多种中外科幻作品。",
		},
		en: []string{
			"The local science fiction writer Lin Yuan comes to the library to talk about writing The Stars Under the River, her new novel about a riverside city facing a flood in the future.",
			"She will talk about how science fiction finds ideas in science news, and about the growth of Chinese sci-fi in recent years. A book signing follows.",
			"The library's science fiction shelves have been refreshed with more than two hundred Chinese and translated sci-fi titles from the past three years.",
		},
	},
	{
		slug: "dinosaur-fossils", section: "events",
		titleZH: "恐龙化石展：与自然博物馆联合举办", titleEN: "Dinosaur Fossils Exhibition with the Natural History Museum",
		tagsZH: []string{"展览", "科普"}, tagsEN: []string{"exhibitions", "science"},
		zh: []string{
			"图书馆与省自然博物馆联合举办恐龙化石展，展出三十件化石标本和模型，其中包括一具长八米的鸭嘴龙骨架模型和一窝恐龙蛋化石。",
			"展区设有化石修复的演示台，小朋友可以用小刷子在沙盘里“挖掘”恐龙骨骼。每天下午三点有古生物学研究生讲解。",
			"展览期间，少儿借阅区的恐龙主题图书全部集中展示，可以直接借阅。",
		},
		en: []string{
			"The library and the provincial natural history museum present an exhibition of dinosaur fossils: thirty specimens and models, including an eight-metre skeleton of a duck-billed dinosaur and a clutch of fossil dinosaur eggs.",
			"A demonstration bench shows how fossils are prepared, and children can dig for dinosaur bones with small brushes in a sandpit. A palaeontology graduate student gives a tour every afternoon at three.",
			"During the exhibition all the dinosaur books of the children's library are shown together and can be borrowed straight away.",
		},
	},
}

// Paragraphs every kind of article may hold: what a library's news site
// repeats, so that the common words are everywhere and a query's rarer
// words must decide.
var (
	fillZH = []string{
		"图书馆开放时间为周二至周日上午九点至晚上九点，周一闭馆。法定节假日的开放安排以公告为准。",
		"活动报名请关注图书馆公众号，或在服务台登记姓名和联系电话。名额有限，额满即止。",
		"所有活动均免费参加。如需取消报名，请至少提前一天告知，以便把名额留给其他读者。",
		"图书馆欢迎读者提出意见和建议，可以在服务台填写意见卡，也可以发送电子邮件给我们。",
		"办理读者证只需携带身份证，未成年人需由家长陪同办理。读者证全市通用，每次可借图书十册。",
		"活动现场可能拍照和录像，照片将用于图书馆网站和年度报告。如不希望出镜，请告知工作人员。",
		"请读者爱护公共设施，保持安静，馆内禁止吸烟和饮食，咖啡区除外。",
		"乘坐地铁二号线在滨江图书馆站下车，从 C 出口步行三分钟即到；馆内设有自行车停放区。",
	}
	fillEN = []string{
		"The library is open Tuesday to Sunday from nine in the morning to nine in the evening and closed on Mondays. Opening on public holidays is announced in advance.",
		"To sign up for an activity, register at the information desk with your name and phone number. Places are limited and given in order of registration.",
		"All activities are free. If you cannot come, please let us know at least a day ahead so that someone else can take your place.",
		"We welcome comments and suggestions: fill in a comment card at the desk or send us an email.",
		"A library card needs only an ID card; children under eighteen apply with a parent. The card is valid in every library in the city and lets you borrow ten books at a time.",
		"Photographs and video may be taken at activities for the library website and annual report. If you would rather not appear, please tell a member of staff.",
		"Please look after the library's furniture and keep noise down. Eating, drinking and smoking are not allowed except in the café.",
		"Take Metro Line 2 to Binjiang Library station; the library is three minutes' walk from exit C, and there is bicycle parking by the entrance.",
	}
)
