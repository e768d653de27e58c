# The alarms the scenarios watch and page on; they notify the gameday-oncall topic (subscribe your
# pager to it).

resource "aws_sns_topic" "oncall" {
  name = "gameday-oncall"
  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "web_high_5xx" {
  alarm_name          = "web-high-5xx"
  alarm_description   = "More than 50 target 5xx responses in a minute"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HTTPCode_Target_5XX_Count"
  dimensions          = { LoadBalancer = aws_lb.shop.arn_suffix }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 50
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.oncall.arn]
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "web_low_healthy_hosts" {
  alarm_name          = "web-low-healthy-hosts"
  alarm_description   = "Fewer than 5 healthy web targets"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "HealthyHostCount"
  dimensions          = { TargetGroup = aws_lb_target_group.web.arn_suffix, LoadBalancer = aws_lb.shop.arn_suffix }
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 5
  comparison_operator = "LessThanThreshold"
  alarm_actions       = [aws_sns_topic.oncall.arn]
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "web_high_latency" {
  alarm_name          = "web-high-latency"
  alarm_description   = "p90 latency above 500 ms for 2 minutes"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "TargetResponseTime"
  dimensions          = { LoadBalancer = aws_lb.shop.arn_suffix }
  extended_statistic  = "p90"
  period              = 60
  evaluation_periods  = 2
  threshold           = 0.5
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.oncall.arn]
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "web_high_cpu" {
  alarm_name          = "web-high-cpu"
  alarm_description   = "web ASG CPU above 80 % for 3 minutes"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  dimensions          = { AutoScalingGroupName = aws_autoscaling_group.web.name }
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.oncall.arn]
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "checkout_high_cpu" {
  alarm_name          = "checkout-high-cpu"
  namespace           = "AWS/ECS"
  metric_name         = "CPUUtilization"
  dimensions          = { ClusterName = aws_ecs_cluster.shop.name, ServiceName = aws_ecs_service.checkout.name }
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 3
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = [aws_sns_topic.oncall.arn]
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "checkout_tasks_low" {
  alarm_name          = "checkout-tasks-low"
  namespace           = "ECS/ContainerInsights"
  metric_name         = "RunningTaskCount"
  dimensions          = { ClusterName = aws_ecs_cluster.shop.name, ServiceName = aws_ecs_service.checkout.name }
  statistic           = "Minimum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 3
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = [aws_sns_topic.oncall.arn]
  tags                = local.tags
}
